import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from "type-graphql";
import { ConnectionArgs, requireViewer, type Connection, resolverOf } from "@pawgraph/subgraph-kit";
import type { MessagingContext } from "../context";
import { reviveNotification, type MessagingRealtime, type Wire } from "../realtime/realtime";
import {
  MarkNotificationsReadInput,
  NotificationFilter,
  RegisterPushDeviceInput,
  RemovePushDeviceInput,
  UpdateNotificationPreferencesInput,
} from "./notification.inputs";
import { toPushDevice } from "./notification.mapper";
import type { NotificationService } from "./notification.service";
import {
  MarkNotificationsReadPayload,
  Notification,
  NotificationConnection,
  NotificationPreference,
  PushDevice,
} from "./notification.type";

type Data = SubscribeResolverData<unknown, Record<string, unknown>, MessagingContext>;

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(
    private readonly notificationService: NotificationService,
    readonly realtime: MessagingRealtime,
  ) {}

  @Authorized()
  @Query(() => NotificationConnection, { nullable: true, description: "Your notifications, newest first." })
  notifications(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("filter", () => NotificationFilter, { nullable: true, description: "Optional filter." })
    filter: NotificationFilter | null,
    @Ctx() ctx: MessagingContext,
  ): Promise<Connection<Notification>> {
    return this.notificationService.page(ctx, args, !!filter?.unreadOnly);
  }

  @Authorized()
  @Query(() => Int, { nullable: true, description: "How many of your notifications are unread." })
  unreadNotificationCount(@Ctx() ctx: MessagingContext): Promise<number> {
    return this.notificationService.unreadCount(requireViewer(ctx.viewer).userId);
  }

  @Authorized()
  @Mutation(() => MarkNotificationsReadPayload, { description: "Mark notifications read: some by id, or all." })
  markNotificationsRead(
    @Arg("input", () => MarkNotificationsReadInput, { description: "Which ones." }) input: MarkNotificationsReadInput,
    @Ctx() ctx: MessagingContext,
  ): Promise<MarkNotificationsReadPayload> {
    return this.notificationService.markRead(ctx, input);
  }

  @Authorized()
  @Query(() => [NotificationPreference], {
    nullable: true,
    description: "For every type of notification and every channel, whether you get it there.",
  })
  notificationPreferences(@Ctx() ctx: MessagingContext): Promise<NotificationPreference[]> {
    return this.notificationService.preferences(ctx);
  }

  @Authorized()
  @Mutation(() => [NotificationPreference], {
    description: "Turn types of notification on or off per channel; returns all your preferences.",
  })
  updateNotificationPreferences(
    @Arg("input", () => UpdateNotificationPreferencesInput, { description: "The preferences to set." })
    input: UpdateNotificationPreferencesInput,
    @Ctx() ctx: MessagingContext,
  ): Promise<NotificationPreference[]> {
    return this.notificationService.updatePreferences(ctx, input.preferences);
  }

  @Authorized()
  @Mutation(() => PushDevice, { description: "Register this device for push notifications." })
  async registerPushDevice(
    @Arg("input", () => RegisterPushDeviceInput, { description: "The device's token." }) input: RegisterPushDeviceInput,
    @Ctx() ctx: MessagingContext,
  ): Promise<PushDevice> {
    return toPushDevice(await this.notificationService.registerDevice(ctx, input.token, input.platform));
  }

  @Authorized()
  @Mutation(() => PushDevice, {
    description: "Stop push notifications to a device of yours; returns what was removed.",
  })
  async removePushDevice(
    @Arg("input", () => RemovePushDeviceInput, { description: "The registration." }) input: RemovePushDeviceInput,
    @Ctx() ctx: MessagingContext,
  ): Promise<PushDevice> {
    return toPushDevice(await this.notificationService.removeDevice(ctx, input.deviceId));
  }

  @Authorized()
  @Subscription(() => Notification, {
    description: "Your notifications as they are created (those you get in the app).",
    // type-graphql hands `subscribe` no resolver instance: it finds this one through the schema (live-resolvers.ts).
    subscribe: ({ context, info }: Data) =>
      resolverOf(info, NotificationResolver).realtime.notificationsOf(requireViewer(context.viewer).userId),
  })
  notificationAdded(@Root() wire: Wire<Notification>): Notification {
    return reviveNotification(wire);
  }
}
