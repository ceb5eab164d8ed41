import nodemailer, { type Transporter } from "nodemailer";
import type { Logger } from "@pawgraph/subgraph-kit";

export interface Email {
  to: string;
  subject: string;
  text: string;
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
    this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : nodemailer.createTransport({ jsonTransport: true });
  }

  async send(email: Email): Promise<SendOutcome> {
    const info = await this.transport.sendMail({ from: this.from, to: email.to, subject: email.subject, text: email.text });
    if (this.smtpUrl) return "SENT";
    this.log.info({ to: email.to, subject: email.subject }, "email not sent (no SMTP_URL): logged instead");
    void info;
    return "LOGGED";
  }

  close(): void {
    this.transport.close();
  }
}
