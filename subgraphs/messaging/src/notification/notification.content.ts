import { isUuid, type EventLike } from "@pawgraph/subgraph-kit";
import {
  BOOKING_EVENTS,
  CARE_PLAN_EVENTS,
  CATALOG_EVENTS,
  MESSAGE_SENT_READER,
  ORDER_EVENTS,
  REMINDER_DUE,
  STOCK_LOW,
  VACCINATION_RECORDED,
  VENDOR_APPROVED,
  VENDOR_REJECTED,
} from "../consumed-events";
import { ORDER_NOTIFICATION_TYPES, orderVendorIdsOf, planOrderNotifications } from "./order-notification.content";
import { CARE_PLAN_NOTIFICATION_TYPES, planCarePlanNotifications } from "./care-plan-notification.content";
import { ACCOUNT_NOTIFICATION_TYPES } from "./account-notification.content";

/** The kinds of notification, the channels they go out on, and what each event says to whom. Pure: no I/O. */
export const NOTIFICATION_TYPES = [
  "BOOKING_CONFIRMED",
  "BOOKING_CANCELLED",
  "BOOKING_RESCHEDULED",
  "REMINDER_DUE",
  "VACCINATION_RECORDED",
  "MESSAGE_RECEIVED",
  "VENDOR_APPROVED",
  "VENDOR_REJECTED",
  "STOCK_LOW",
  ...ORDER_NOTIFICATION_TYPES,
  ...CARE_PLAN_NOTIFICATION_TYPES,
  ...ACCOUNT_NOTIFICATION_TYPES,
] as const;
export type NotificationKind = (typeof NOTIFICATION_TYPES)[number];

export const CHANNELS = ["IN_APP", "EMAIL", "PUSH"] as const;
export type Channel = (typeof CHANNELS)[number];

/** What a user gets before they change anything: everything in the app and on their phone; email for bookings and reminders. */
export function defaultEnabled(type: NotificationKind, channel: Channel): boolean {
  if (channel === "EMAIL") return type !== "VACCINATION_RECORDED" && type !== "MESSAGE_RECEIVED";
  return true;
}

/**
 * Notifications whose text can reveal a pet's health (reminders, vaccinations, chat with the clinic).
 * They are emailed to verified addresses only: anyone can register any address, and its real owner
 * must not receive someone else's pet's health data. In the app and by push they reach the account.
 */
export function revealsHealth(type: NotificationKind): boolean {
  return (
    type === "REMINDER_DUE" ||
    type === "VACCINATION_RECORDED" ||
    type === "MESSAGE_RECEIVED" ||
    type === "CARE_PLAN_PRESCRIPTION_EXHAUSTED"
  );
}

/** The events messaging turns into notifications (`message.sent` is messaging's own: see planMessageNotifications). */
export const NOTIFYING_EVENTS = [
  ...BOOKING_EVENTS,
  REMINDER_DUE,
  VACCINATION_RECORDED,
  MESSAGE_SENT_READER,
  ...CATALOG_EVENTS,
  ...ORDER_EVENTS,
  ...CARE_PLAN_EVENTS,
];

/** The body of a chat-message notification once its message is deleted or removed by moderation. */
export function withdrawnPreview(subject: string): string {
  return `${subject}: (message deleted)`;
}

/** The longest message preview a notification carries. */
export const PREVIEW_LENGTH = 140;

/** A chat message and whom to tell about it (those not already told, decided by the caller). */
export interface MessageNotice {
  conversationId: string;
  messageId: string;
  clinicId: string;
  petId: string | null;
  subject: string;
  senderName: string;
  /** The stored (moderated) text; null for a message with attachments only. */
  text: string | null;
  attachmentCount: number;
  recipientIds: string[];
}

/** A chat-message notification's body: the conversation's subject and the start of the message on one line. */
export function messagePreview(subject: string, text: string | null, attachmentCount: number): string {
  const words = text?.replace(/\s+/g, " ").trim() ?? "";
  const preview = words
    ? words.length > PREVIEW_LENGTH
      ? `${words.slice(0, PREVIEW_LENGTH - 1).trimEnd()}…`
      : words
    : `sent ${attachmentCount === 1 ? "a file" : `${attachmentCount} files`}`;
  return `${subject}: ${preview}`;
}

/** What each recipient of a chat message reads: who wrote, about what, and the start of it. */
export function planMessageNotifications(notice: MessageNotice): PlannedNotification[] {
  return notice.recipientIds.map((userId) => ({
    userId,
    type: "MESSAGE_RECEIVED" as const,
    title: `New message from ${notice.senderName}`,
    body: messagePreview(notice.subject, notice.text, notice.attachmentCount),
    petId: notice.petId,
    bookingId: null,
    clinicId: notice.clinicId,
    conversationId: notice.conversationId,
    messageId: notice.messageId,
  }));
}

export interface PetAudience {
  name: string;
  ownerIds: string[];
}

export interface PlannedNotification {
  userId: string;
  type: NotificationKind;
  title: string;
  body: string;
  petId: string | null;
  bookingId: string | null;
  clinicId: string | null;
  /** The conversation and message a chat-message notification is about. */
  conversationId?: string | null;
  messageId?: string | null;
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** An appointment's time as people at the clinic read it (its time zone, named), e.g. "Tue, 1 Dec 2026, 10:30 CET". */
function when(instant: string, timeZone = "UTC"): string {
  let format = formats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat("en-GB", {
        weekday: "short",
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZone,
        timeZoneName: "short",
      });
    } catch {
      return when(instant); // a zone this runtime does not know: UTC, still named
    }
    formats.set(timeZone, format);
  }
  return format.format(new Date(instant));
}
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** Pets whose audience the plan needs (ask pets for them first). */
export function petIdsOf(event: { payload: Record<string, unknown> }): string[] {
  const petId = event.payload.petId;
  return typeof petId === "string" ? [petId] : [];
}

/** The vendors whose people the plan needs (ask identity first), and which of them. */
export interface VendorAudience {
  vendorIds: string[];
  /** Low stock reaches a vendor's admins; a paid order everyone on its staff, who fulfil it. */
  adminsOnly: boolean;
}

export function vendorAudienceOf(event: EventLike): VendorAudience {
  if (event.type === STOCK_LOW.type) {
    const vendorId = event.payload.vendorId;
    return { vendorIds: typeof vendorId === "string" ? [vendorId] : [], adminsOnly: true };
  }
  return { vendorIds: orderVendorIdsOf(event), adminsOnly: false };
}

/**
 * Who hears about an event, and what they read. Unknown events and pets plan nothing. `vendorStaff`:
 * by vendor id, the people `vendorAudienceOf(event)` asked for.
 */
export function planNotifications(
  event: EventLike,
  pets: ReadonlyMap<string, PetAudience>,
  vendorStaff: ReadonlyMap<string, readonly string[]> = new Map(),
  clinicStaff: readonly string[] = [],
): PlannedNotification[] {
  const none = { petId: null, bookingId: null, clinicId: null };
  if (CARE_PLAN_EVENTS.some((reader) => reader.type === event.type)) {
    const petId = event.payload.petId;
    const name = typeof petId === "string" ? (pets.get(petId)?.name ?? null) : null;
    return planCarePlanNotifications(event, name, clinicStaff).map((n) => ({ ...n, bookingId: null }));
  }
  switch (event.type) {
    case "booking.confirmed":
    case "booking.cancelled":
    case "booking.rescheduled": {
      const b = BOOKING_EVENTS.find((reader) => reader.type === event.type)!.decode(event);
      const pet = b.petId ? pets.get(b.petId)?.name : undefined;
      const subject = `${pet ? `${pet}'s appointment` : "Your appointment"}${b.clinicName ? ` at ${b.clinicName}` : ""}`;
      const at = when(b.startsAt, b.clinicTimeZone);
      const base = { petId: b.petId, bookingId: b.bookingId, clinicId: b.clinicId };
      const [type, ownerTitle, ownerBody, vetTitle, vetBody] =
        event.type === "booking.confirmed"
          ? ([
              "BOOKING_CONFIRMED",
              "Appointment confirmed",
              `${subject} on ${at} is confirmed.`,
              "New appointment",
              `${pet ?? "A patient"} is booked with you on ${at}.`,
            ] as const)
          : event.type === "booking.cancelled"
            ? ([
                "BOOKING_CANCELLED",
                "Appointment cancelled",
                `${subject} on ${at} was cancelled.`,
                "Appointment cancelled",
                `The appointment on ${at}${pet ? ` with ${pet}` : ""} was cancelled.`,
              ] as const)
            : ([
                "BOOKING_RESCHEDULED",
                "Appointment moved",
                `${subject} moved to ${at}.`,
                "Appointment moved",
                `${pet ?? "A patient"}'s appointment moved to ${at}.`,
              ] as const);
      const owner = { ...base, userId: b.ownerId, type, title: ownerTitle, body: ownerBody };
      return b.vetId && b.vetId !== b.ownerId
        ? [owner, { ...base, userId: b.vetId, type, title: vetTitle, body: vetBody }]
        : [owner];
    }
    case "reminder.due": {
      const r = REMINDER_DUE.decode(event);
      const pet = pets.get(r.petId);
      if (!pet) return [];
      return pet.ownerIds.map((userId) => ({
        userId,
        type: "REMINDER_DUE" as const,
        title: `Reminder: ${r.title}`,
        body: `${pet.name} is due for ${r.title} on ${day.format(new Date(`${r.dueOn}T00:00:00Z`))}.`,
        petId: r.petId,
        bookingId: null,
        clinicId: null,
      }));
    }
    case "vaccination.recorded": {
      const v = VACCINATION_RECORDED.decode(event);
      const pet = pets.get(v.petId);
      if (!pet) return [];
      const next = v.nextDueOn ? ` Next due on ${day.format(new Date(`${v.nextDueOn}T00:00:00Z`))}.` : "";
      return pet.ownerIds.map((userId) => ({
        userId,
        type: "VACCINATION_RECORDED" as const,
        title: "Vaccination recorded",
        body: `${v.vaccine} for ${pet.name} was recorded on ${day.format(new Date(v.givenAt))}.${next}`,
        petId: v.petId,
        bookingId: null,
        clinicId: v.clinicId,
      }));
    }
    case VENDOR_APPROVED.type: {
      const v = VENDOR_APPROVED.decode(event);
      if (!isUuid(v.appliedBy)) return []; // no account of ours
      return [
        {
          ...none,
          userId: v.appliedBy,
          type: "VENDOR_APPROVED" as const,
          title: "Vendor approved",
          body: `${v.name} is approved: you can now list products and manage stock. Sign in again to see it.`,
        },
      ];
    }
    case VENDOR_REJECTED.type: {
      const v = VENDOR_REJECTED.decode(event);
      if (!isUuid(v.appliedBy)) return []; // no account of ours
      return [
        {
          ...none,
          userId: v.appliedBy,
          type: "VENDOR_REJECTED" as const,
          title: "Vendor application declined",
          body: `${v.name} was not approved. Reason: ${v.reason}`,
        },
      ];
    }
    case STOCK_LOW.type: {
      const s = STOCK_LOW.decode(event);
      const left = s.available <= 0 ? "is out of stock" : `is down to ${s.available} (low level ${s.lowLevel})`;
      return (vendorStaff.get(s.vendorId) ?? []).map((userId) => ({
        ...none,
        userId,
        type: "STOCK_LOW" as const,
        title: `Low stock: ${s.productTitle}`,
        body: `${s.productTitle} (SKU ${s.sku}) at ${s.vendorName} ${left}.`,
      }));
    }
    default:
      return planOrderNotifications(event, vendorStaff).map((notice) => ({ ...none, ...notice }));
  }
}
