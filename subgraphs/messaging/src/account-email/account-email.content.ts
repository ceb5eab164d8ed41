import type { EventLike } from "@pawgraph/subgraph-kit";
import {
  ACCOUNT_DELETION_SCHEDULED,
  DATA_EXPORT_READY,
  EMAIL_VERIFICATION_REQUESTED,
  PASSWORD_RESET_REQUESTED,
  REGISTRATION_ATTEMPTED,
} from "../consumed-events";

/**
 * Transactional emails about an account (identity's events): a link to verify the address, a notice
 * that someone tried to register it, a link to reset the password, a privacy export's download link and
 * the notice that the account is to be deleted. No preference turns them off and they go to the address
 * in the event. The two privacy ones also show in the app (account-notification.content.ts); the others
 * do not. Pure: no I/O.
 */
export const ACCOUNT_EMAIL_EVENTS = [
  EMAIL_VERIFICATION_REQUESTED,
  REGISTRATION_ATTEMPTED,
  PASSWORD_RESET_REQUESTED,
  DATA_EXPORT_READY,
  ACCOUNT_DELETION_SCHEDULED,
];

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

/** An instant as account emails and notices write it, e.g. "2 Dec 2026, 15:15 UTC" (identity holds no time zone per person). */
export function utcTime(instant: string): string {
  return expiry.format(new Date(instant));
}

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
    case DATA_EXPORT_READY.type: {
      const p = DATA_EXPORT_READY.decode(event);
      return {
        userId: p.userId,
        kind: DATA_EXPORT_READY.type,
        to: p.email,
        subject: "Your Pawgraph data is ready",
        text:
          `Hello ${p.displayName},\n\nThe copy of your Pawgraph data you asked for is ready. Download it (a ZIP file) here:\n\n${p.downloadUrl}\n\n` +
          `This link works until ${utcTime(p.linkExpiresAt)}; anyone who has it can download your data, so do not forward this email. ` +
          `After that, sign in and open your data export in the app for a new link. ` +
          `The export is deleted on ${utcTime(p.availableUntil)}; you can ask for a new one at any time.\n\n` +
          `If you did not ask for a copy of your data, sign in and change your password: someone else may have used your account.\n\nPawgraph\n`,
      };
    }
    case ACCOUNT_DELETION_SCHEDULED.type: {
      const p = ACCOUNT_DELETION_SCHEDULED.decode(event);
      return {
        userId: p.userId,
        kind: ACCOUNT_DELETION_SCHEDULED.type,
        to: p.email,
        subject: "Your Pawgraph account will be deleted",
        text:
          `Hello ${p.displayName},\n\nYou asked us to delete your Pawgraph account. On ${utcTime(p.erasureDueAt)} ` +
          `we will delete it together with your data, and it cannot be restored after that.\n\n` +
          `Changed your mind? Sign in before then and cancel the deletion in your account settings: ` +
          `your account stays exactly as it is.\n\n` +
          `If you did not ask for this, sign in now, cancel the deletion and change your password.\n\nPawgraph\n`,
      };
    }
    default:
      return null;
  }
}
