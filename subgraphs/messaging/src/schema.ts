import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, ResolverContainer, createPubSub, withLiveResolvers } from "@pawgraph/subgraph-kit";
// type-graphql lists types and root fields in the order their decorators run, i.e. the order these
// modules are first imported, not the order of `resolvers` below: keep them so, or schema.graphql changes.
import { ConversationResolver } from "./conversation/conversation.resolver";
import { ConversationSubscriptions } from "./conversation/conversation.subscriptions";
import { MessageResolver } from "./message/message.resolver";
import { NotificationResolver } from "./notification/notification.resolver";

/** The resolver classes of messaging's schema; `app.ts` builds one instance of each with its services. */
export const MESSAGING_RESOLVERS = [
  ConversationResolver,
  MessageResolver,
  ConversationSubscriptions,
  NotificationResolver,
] as const;

/**
 * messaging's federated schema: conversations between owners and clinics, messages, moderation,
 * notifications, live updates. `resolvers` holds the instances the composition root built;
 * `emit-schema` passes none, since type-graphql asks for an instance only when a field resolves
 * (docs/decisions/0028).
 */
export async function buildMessagingSchema(resolvers = new ResolverContainer()): Promise<GraphQLSchema> {
  const schema = await buildFederatedSchema({
    resolvers: MESSAGING_RESOLVERS,
    container: resolvers,
    // type-graphql requires a pub/sub when a schema has subscriptions; ours subscribe through the
    // resolvers' MessagingRealtime (one per instance), so this one is never used.
    pubSub: createPubSub(),
  });
  // Subscriptions' `subscribe` gets no resolver instance from type-graphql: it finds it through the schema.
  return withLiveResolvers(schema, resolvers);
}
