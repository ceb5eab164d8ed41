import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema } from "@pawgraph/subgraph-kit";
import { createPubSub } from "@pawgraph/subgraph-kit";
// type-graphql lists types and root fields in the order their decorators run, i.e. the order these
// modules are first imported, not the order of `resolvers` below: keep them so, or schema.graphql changes.
import { ConversationResolver } from "./conversation/conversation.resolver";
import { ConversationSubscriptions } from "./conversation/conversation.subscriptions";
import { MessageResolver } from "./message/message.resolver";
import { NotificationResolver } from "./notification/notification.resolver";

/** messaging's federated schema: conversations between owners and clinics, messages, moderation, notifications, live updates. */
export function buildMessagingSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ConversationResolver, MessageResolver, ConversationSubscriptions, NotificationResolver],
    // type-graphql requires a pub/sub when a schema has subscriptions; ours subscribe through the
    // context's MessagingRealtime (one per instance), so this one is never used.
    pubSub: createPubSub(),
  });
}
