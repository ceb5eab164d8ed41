import type { EventLike } from "@pawgraph/subgraph-kit";
import { utcTime } from "../account-email/account-email.content";
import { ACCOUNT_DELETION_SCHEDULED, DATA_EXPORT_READY } from "../consumed-events";

/**
 * The in-app side of identity's privacy events, told alongside their account email. Transactional like
 * that email: no preference turns them off (they are not offered as preferences), and they are never
 * emailed or pushed as notifications, since the account email already went to the event's address.
 * Pure: no I/O.
 */
export const ACCOUNT_NOTIFICATION_TYPES = ["DATA_EXPORT_READY", "ACCOUNT_DELETION_SCHEDULED"] as const;
export type AccountNotificationKind = (typeof ACCOUNT_NOTIFICATION_TYPES)[number];

export interface AccountNotice {
  userId: string;
  type: AccountNotificationKind;
  title: string;
  body: string;
}

/** Whether a kind of notification is transactional: always in the app, never by preference. */
export function isAccountNotification(type: string): type is AccountNotificationKind {
  return (ACCOUNT_NOTIFICATION_TYPES as readonly string[]).includes(type);
}

/**
 * What the person reads in the app. The export's download link stays out of it: the link is a bearer
 * capability, and notifications are kept where a sent account email's text is blanked.
 */
export function planAccountNotifications(event: EventLike): AccountNotice[] {
  switch (event.type) {
    case DATA_EXPORT_READY.type: {
      const p = DATA_EXPORT_READY.decode(event);
      return [
        {
          userId: p.userId,
          type: "DATA_EXPORT_READY",
          title: "Your Pawgraph data is ready",
          body:
            `We emailed you a link to download it, which works until ${utcTime(p.linkExpiresAt)}. ` +
            `The export is deleted on ${utcTime(p.availableUntil)}.`,
        },
      ];
    }
    case ACCOUNT_DELETION_SCHEDULED.type: {
      const p = ACCOUNT_DELETION_SCHEDULED.decode(event);
      return [
        {
          userId: p.userId,
          type: "ACCOUNT_DELETION_SCHEDULED",
          title: "Your account will be deleted",
          body:
            `Your Pawgraph account and its data will be deleted on ${utcTime(p.erasureDueAt)}. ` +
            `To keep it, cancel the deletion in your account settings before then.`,
        },
      ];
    }
    default:
      return [];
  }
}
