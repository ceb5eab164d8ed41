import { ArrayMaxSize, IsOptional, Matches, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import type { Channel, NotificationKind } from "./notification.content";
import { NotificationChannel, NotificationType, PushPlatform } from "./notification.type";

@InputType({ description: "Which notifications to list." })
export class NotificationFilter {
  @IsOptional()
  @Field(() => Boolean, { nullable: true, description: "Only unread ones." })
  unreadOnly?: boolean | null;
}

@InputType({ description: "Mark notifications read: some by id, or all of them." })
export class MarkNotificationsReadInput {
  @IsOptional()
  @ArrayMaxSize(100, { message: "must list at most 100 ids" })
  @Field(() => [ID], { nullable: true, description: "These notifications (up to 100)." })
  ids?: string[] | null;

  @IsOptional()
  @Field(() => Boolean, { nullable: true, description: "All your notifications." })
  all?: boolean | null;
}

@InputType({ description: "Turn one type of notification on or off on one channel." })
export class NotificationPreferenceInput {
  @Field(() => NotificationType, { description: "The type of notification." })
  type!: NotificationKind;

  @Field(() => NotificationChannel, { description: "The channel." })
  channel!: Channel;

  @Field(() => Boolean, { description: "Deliver it there or not." })
  enabled!: boolean;
}

@InputType({ description: "Change your notification preferences; what you do not list stays as it is." })
export class UpdateNotificationPreferencesInput {
  @ArrayMaxSize(50, { message: "must list at most 50 preferences" })
  @Field(() => [NotificationPreferenceInput], { description: "The preferences to set." })
  preferences!: NotificationPreferenceInput[];
}

@InputType({ description: "Register a device for push notifications (its Firebase Cloud Messaging token)." })
export class RegisterPushDeviceInput {
  @Matches(/^[\w:.-]+$/, { message: "must be a push token" })
  @MaxLength(4096, { message: "must be at most 4096 characters" })
  @Field(() => String, { description: "The device's FCM registration token." })
  token!: string;

  @Field(() => PushPlatform, { description: "The kind of device." })
  platform!: PushPlatform;
}

@InputType({ description: "Stop push notifications to a device." })
export class RemovePushDeviceInput {
  @Field(() => ID, { description: "The registration to remove." })
  deviceId!: string;
}
