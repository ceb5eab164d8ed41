import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "@pawgraph/subgraph-kit";
import { Clinic } from "../clinic/clinic.type";
import { Pet } from "../pet/pet.type";
import type { Channel, NotificationKind } from "./notification.content";

export enum NotificationType {
  BOOKING_CONFIRMED = "BOOKING_CONFIRMED",
  BOOKING_CANCELLED = "BOOKING_CANCELLED",
  BOOKING_RESCHEDULED = "BOOKING_RESCHEDULED",
  REMINDER_DUE = "REMINDER_DUE",
  VACCINATION_RECORDED = "VACCINATION_RECORDED",
  MESSAGE_RECEIVED = "MESSAGE_RECEIVED",
  VENDOR_APPROVED = "VENDOR_APPROVED",
  VENDOR_REJECTED = "VENDOR_REJECTED",
  STOCK_LOW = "STOCK_LOW",
  ORDER_PLACED = "ORDER_PLACED",
  ORDER_PAID = "ORDER_PAID",
  ORDER_SHIPPED = "ORDER_SHIPPED",
  ORDER_DELIVERED = "ORDER_DELIVERED",
  ORDER_CANCELLED = "ORDER_CANCELLED",
  ORDER_REFUNDED = "ORDER_REFUNDED",
  ORDER_NEEDS_ATTENTION = "ORDER_NEEDS_ATTENTION",
  PAYMENT_FAILED = "PAYMENT_FAILED",
  VENDOR_ORDER_PAID = "VENDOR_ORDER_PAID",
  CARE_PLAN_RUN_UPCOMING = "CARE_PLAN_RUN_UPCOMING",
  CARE_PLAN_PAYMENT_FAILED = "CARE_PLAN_PAYMENT_FAILED",
  CARE_PLAN_PAYMENT_ACTION_REQUIRED = "CARE_PLAN_PAYMENT_ACTION_REQUIRED",
  CARE_PLAN_PAST_DUE = "CARE_PLAN_PAST_DUE",
  CARE_PLAN_CANCELLED = "CARE_PLAN_CANCELLED",
  CARE_PLAN_PRESCRIPTION_EXHAUSTED = "CARE_PLAN_PRESCRIPTION_EXHAUSTED",
  DATA_EXPORT_READY = "DATA_EXPORT_READY",
  ACCOUNT_DELETION_SCHEDULED = "ACCOUNT_DELETION_SCHEDULED",
}

export enum NotificationChannel {
  IN_APP = "IN_APP",
  EMAIL = "EMAIL",
  PUSH = "PUSH",
}

export enum PushPlatform {
  ANDROID = "ANDROID",
  IOS = "IOS",
  WEB = "WEB",
}

registerEnumType(NotificationType, {
  name: "NotificationType",
  description: "What a notification is about.",
  valuesConfig: {
    BOOKING_CONFIRMED: { description: "An appointment was booked (owner) or booked with you (vet)." },
    BOOKING_CANCELLED: { description: "An appointment was cancelled." },
    BOOKING_RESCHEDULED: { description: "An appointment moved to another time." },
    REMINDER_DUE: { description: "A pet is due for a vaccination or treatment soon." },
    VACCINATION_RECORDED: { description: "A clinic recorded a vaccination for your pet." },
    MESSAGE_RECEIVED: {
      description:
        "A new chat message for you (owners: from the clinic; clinic staff: from an owner). One per conversation until you read it (`markConversationRead`) or write in it. Not emailed unless you turn email on.",
    },
    VENDOR_APPROVED: {
      description: "The vendor you applied for was approved: you are its admin (from your next sign-in or refresh).",
    },
    VENDOR_REJECTED: { description: "The vendor you applied for was not approved; the notification says why." },
    STOCK_LOW: {
      description: "A product of a vendor you administer is low on (or out of) stock at one of its locations.",
    },
    ORDER_PLACED: { description: "You placed an order; its payment may still be pending." },
    ORDER_PAID: { description: "Your order's payment arrived; the vendors prepare it." },
    ORDER_SHIPPED: {
      description: "(Part of) your order shipped; the notification names the carrier and tracking number.",
    },
    ORDER_DELIVERED: { description: "(Part of) your order was delivered; you may now review what you received." },
    ORDER_CANCELLED: {
      description: "Your order was cancelled; the notification says by whom, why, and what is refunded.",
    },
    ORDER_REFUNDED: {
      description: "Money from your order was refunded to you; the notification says how much and why.",
    },
    ORDER_NEEDS_ATTENTION: {
      description:
        "Your order cannot go ahead as placed (e.g. its stock was gone when the payment arrived); the platform's team acts.",
    },
    PAYMENT_FAILED: {
      description: "The payment for your order was refused; you may try again until the checkout expires.",
    },
    VENDOR_ORDER_PAID: {
      description: "A paid order has a part for a vendor you work for (admin or staff): it is ready to fulfil.",
    },
    CARE_PLAN_RUN_UPCOMING: {
      description: "Your care plan's next order is placed in a few days; the notification links to skip it.",
    },
    CARE_PLAN_PAYMENT_FAILED: { description: "A care plan order's payment failed; it says when it is retried." },
    CARE_PLAN_PAYMENT_ACTION_REQUIRED: {
      description: "Your bank asks you to confirm a care plan order's payment in the app.",
    },
    CARE_PLAN_PAST_DUE: {
      description: "Every retry of a care plan payment failed: the plan is on hold and will be cancelled.",
    },
    CARE_PLAN_CANCELLED: { description: "A care plan was cancelled (by you, by Pawgraph, or for non-payment)." },
    CARE_PLAN_PRESCRIPTION_EXHAUSTED: {
      description:
        "A prescription-only product was left out of a care plan order: its prescription has no refills left (owner and prescribing clinic).",
    },
    DATA_EXPORT_READY: {
      description:
        "The copy of your data you asked for is ready: the download link was emailed to you; the notification says until when it works and when the export is deleted. Always shown, never a preference.",
    },
    ACCOUNT_DELETION_SCHEDULED: {
      description:
        "Your account is to be deleted: the notification says when. Until then, `cancelAccountDeletion` (the app's setting) keeps it. Also emailed; always shown, never a preference.",
    },
  },
});

registerEnumType(NotificationChannel, {
  name: "NotificationChannel",
  description: "Where a notification is delivered.",
  valuesConfig: {
    IN_APP: { description: "In the app: the `notifications` list and the `notificationAdded` subscription." },
    EMAIL: { description: "By email to your account's address." },
    PUSH: { description: "As a push notification to your registered devices." },
  },
});

registerEnumType(PushPlatform, {
  name: "PushPlatform",
  description: "The kind of device a push token belongs to.",
  valuesConfig: {
    ANDROID: { description: "An Android app (Firebase Cloud Messaging)." },
    IOS: { description: "An iOS app (through Firebase Cloud Messaging)." },
    WEB: { description: "A browser (web push through Firebase Cloud Messaging)." },
  },
});

@ObjectType({
  description:
    "Something that happened that you should know about: a booking, a due reminder, a recorded vaccination, a chat message.",
})
export class Notification {
  @Field(() => ID, { description: "Id of the notification." })
  id!: string;

  @Field(() => NotificationType, { description: "What it is about." })
  type!: NotificationType;

  @Field(() => String, { description: "Short title." })
  title!: string;

  @Field(() => String, { description: "The message, one or two sentences." })
  body!: string;

  @Field(() => Pet, { nullable: true, description: "The pet it is about, if any." })
  pet!: Pet | null;

  @Field(() => Clinic, { nullable: true, description: "The clinic involved, if any." })
  clinic!: Clinic | null;

  @Field(() => ID, { nullable: true, description: "The booking it is about, if any." })
  bookingId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The conversation it is about (MESSAGE_RECEIVED): open it with `conversation(id)`.",
  })
  conversationId!: string | null;

  @Field(() => Boolean, { description: "Whether you marked it read." })
  read!: boolean;

  @Field(() => Date, { description: "When it was created." })
  createdAt!: Date;
}

export const NotificationConnection = connectionType(Notification, "Notification", "notification");

@ObjectType({ description: "Whether one type of notification is delivered on one channel." })
export class NotificationPreference {
  @Field(() => NotificationType, { description: "The type of notification." })
  type!: NotificationKind;

  @Field(() => NotificationChannel, { description: "The channel." })
  channel!: Channel;

  @Field(() => Boolean, { description: "Whether it is delivered there." })
  enabled!: boolean;
}

@ObjectType({ description: "How many notifications changed and how many are still unread." })
export class MarkNotificationsReadPayload {
  @Field(() => Int, { description: "Notifications newly marked read." })
  updated!: number;

  @Field(() => Int, { description: "Your unread notifications now." })
  unreadCount!: number;
}

@ObjectType({ description: "A device that receives your push notifications." })
export class PushDevice {
  @Field(() => ID, { description: "Id of the registration." })
  id!: string;

  @Field(() => PushPlatform, { description: "The kind of device." })
  platform!: PushPlatform;

  @Field(() => Date, { description: "When it was registered." })
  registeredAt!: Date;
}
