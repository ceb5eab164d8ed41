import nodemailer, { type Transporter } from "nodemailer";
import { isProduction, type Logger } from "@pawgraph/subgraph-kit";

export interface Email {
  to: string;
  subject: string;
  text: string;
  /**
   * Without SMTP outside production, log the text too: the only way a developer on `npm start` gets
   * a verification link. Never for notifications, whose text can be health data.
   */
  logTextWithoutSmtp?: boolean;
}

/** Outcome of one attempt: handed to a real service, or only written to the log (none configured). */
export type SendOutcome = "SENT" | "LOGGED";

/**
 * Sends email with nodemailer over SMTP (`SMTP_URL`, e.g. smtp://user:pass@mail:587). Without one,
 * it logs what it would have sent, so a fresh machine works and nothing leaves it.
 */
export class EmailSender {
  private readonly transport: Transporter;

  constructor(
    private readonly smtpUrl: string | undefined,
    private readonly from: string,
    private readonly log: Logger,
  ) {
    this.transport = smtpUrl
      ? nodemailer.createTransport(smtpUrl)
      : nodemailer.createTransport({ jsonTransport: true });
  }

  async send(email: Email): Promise<SendOutcome> {
    await this.transport.sendMail({ from: this.from, to: email.to, subject: email.subject, text: email.text });
    if (this.smtpUrl) return "SENT";
    // A development stack shows the mail (a verification link must be usable without SMTP); in
    // production no address or text reaches an info log (SECURITY.md: personal data).
    const shown = isProduction() ? {} : { to: email.to, ...(email.logTextWithoutSmtp ? { text: email.text } : {}) };
    this.log.info({ subject: email.subject, ...shown }, "email not sent (no SMTP_URL): logged instead");
    return "LOGGED";
  }

  close(): void {
    this.transport.close();
  }
}
