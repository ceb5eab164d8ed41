import type { EventLike } from "@pawgraph/subgraph-kit";
import { EMAIL_VERIFICATION_REQUESTED, PASSWORD_RESET_REQUESTED, REGISTRATION_ATTEMPTED } from "../consumed-events";

/**
 * Transactional emails about an account (identity's events): a link to verify the address, a notice
 * that someone tried to register it, and a link to reset the password. They are not notifications: no preference turns them
 * off, nothing shows in the app, and they go to the address in the event. Pure: no I/O.
 */
export const ACCOUNT_EMAIL_EVENTS = [EMAIL_VERIFICATION_REQUESTED, REGISTRATION_ATTEMPTED, PASSWORD_RESET_REQUESTED];

/** The app pages account emails link to; each gets the token as its `token` parameter. */
export interface AccountEmailLinks {
  /** Calls `verifyEmail` (`VERIFY_EMAIL_URL`). */
  verifyEmailUrl: string;
  /** Asks for a new password and calls `resetPassword` (`RESET_PASSWORD_URL`). */
  resetPasswordUrl: string;
}

export interface AccountEmail {
  userId: string;
  /** The event type it answers (`account_emails.kind`). */
  kind: string;
  to: string;
  subject: string;
  text: string;
}

const expiry = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

/** The link an app opens: `page` with the token as its `token` parameter. */
export function tokenLink(page: string, token: string): string {
  const url = new URL(page);
  url.searchParams.set("token", token);
  return url.toString();
}

/** What an identity event says to whom; null for other events. */
export function accountEmailFor(event: EventLike, links: AccountEmailLinks): AccountEmail | null {
  switch (event.type) {
    case EMAIL_VERIFICATION_REQUESTED.type: {
      const p = EMAIL_VERIFICATION_REQUESTED.decode(event);
      return {
        userId: p.userId,
        kind: EMAIL_VERIFICATION_REQUESTED.type,
        to: p.email,
        subject: "Confirm your email address for Pawgraph",
        text:
          `Hello ${p.displayName},\n\nPlease confirm that this is your email address by opening this link:\n\n${tokenLink(links.verifyEmailUrl, p.token)}\n\n` +
          `Or enter this code in the app: ${p.token}\n\nThe link works once, until ${expiry.format(new Date(p.expiresAt))}. ` +
          `If you did not create a Pawgraph account, ignore this email: nothing is shared with an address until it is confirmed.\n\nPawgraph\n`,
      };
    }
    case REGISTRATION_ATTEMPTED.type: {
      const p = REGISTRATION_ATTEMPTED.decode(event);
      return {
        userId: p.userId,
        kind: REGISTRATION_ATTEMPTED.type,
        to: p.email,
        subject: "Someone tried to register with your email address",
        text:
          `Hello ${p.displayName},\n\nSomeone just tried to create a Pawgraph account with this email address, which already has one: yours. ` +
          `No new account was created.\n\nIf it was you, sign in with your password instead. If it was not, you can ignore this email: your account is unchanged.\n\nPawgraph\n`,
      };
    }
    case PASSWORD_RESET_REQUESTED.type: {
      const p = PASSWORD_RESET_REQUESTED.decode(event);
      return {
        userId: p.userId,
        kind: PASSWORD_RESET_REQUESTED.type,
        to: p.email,
        subject: "Reset your Pawgraph password",
        text:
          `Hello ${p.displayName},\n\nSomeone asked to reset the password of your Pawgraph account. To choose a new one, open this link:\n\n${tokenLink(links.resetPasswordUrl, p.token)}\n\n` +
          `Or enter this code in the app: ${p.token}\n\nThe link works once, until ${expiry.format(new Date(p.expiresAt))}; asking again replaces it. ` +
          `Resetting the password signs you out on every device.\n\nIf you did not ask, ignore this email: your password is unchanged.\n\nPawgraph\n`,
      };
    }
    default:
      return null;
  }
}
