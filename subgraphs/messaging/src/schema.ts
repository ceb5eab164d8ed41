import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema } from "@pawgraph/subgraph-kit";
import { ConversationResolver } from "./conversation/conversation.resolver";

/** messaging's federated schema: conversations between owners and clinics, messages, moderation. */
export function buildMessagingSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: [ConversationResolver] });
}
