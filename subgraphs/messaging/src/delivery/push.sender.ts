import { GoogleAuth } from "google-auth-library";
import type { Logger } from "@pawgraph/subgraph-kit";
import type { SendOutcome } from "./email.sender";

export interface PushMessage {
  token: string;
  title: string;
  body: string;
  data: Record<string, string>;
}

/** The device token is no longer valid: forget it. */
export class PushTokenGoneError extends Error {}

/** Sends a push notification to one device. */
export interface PushSender {
  send(message: PushMessage): Promise<SendOutcome>;
}

/** Without Firebase credentials: writes what it would send to the log. */
export class LoggingPushSender implements PushSender {
  constructor(private readonly log: Logger) {}

  async send(message: PushMessage): Promise<SendOutcome> {
    this.log.info(
      { token: `${message.token.slice(0, 8)}…`, title: message.title, data: message.data },
      "push not sent (no FCM credentials): logged instead",
    );
    return "LOGGED";
  }
}

/**
 * Firebase Cloud Messaging HTTP v1 (`FCM_PROJECT_ID` plus a service account through
 * GOOGLE_APPLICATION_CREDENTIALS); google-auth-library mints and refreshes the OAuth token.
 */
export class FcmPushSender implements PushSender {
  private readonly auth = new GoogleAuth({ scopes: ["https://www.googleapis.com/auth/firebase.messaging"] });

  constructor(private readonly projectId: string) {}

  async send(message: PushMessage): Promise<SendOutcome> {
    const client = await this.auth.getClient();
    try {
      await client.request({
        url: `https://fcm.googleapis.com/v1/projects/${encodeURIComponent(this.projectId)}/messages:send`,
        method: "POST",
        data: {
          message: {
            token: message.token,
            notification: { title: message.title, body: message.body },
            data: message.data,
          },
        },
      });
      return "SENT";
    } catch (error) {
      const status = (error as { response?: { status?: number } }).response?.status;
      if (status === 404 || status === 410) throw new PushTokenGoneError("push token unregistered");
      throw error;
    }
  }
}

export function pushSenderFor(projectId: string | undefined, log: Logger): PushSender {
  return projectId ? new FcmPushSender(projectId) : new LoggingPushSender(log);
}
