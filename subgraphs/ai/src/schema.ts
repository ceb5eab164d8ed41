import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, createPubSub, ResolverContainer, withLiveResolvers } from "@pawgraph/subgraph-kit";
// type-graphql lists Query and Mutation fields in the order their resolver modules load, so this
// import order is the order of the emitted schema.graphql.
import { AssistantResolver } from "./assistant/assistant.resolver";
import { AssistantSubscriptions } from "./assistant/assistant.subscriptions";
import { KnowledgeDocumentResolver } from "./knowledge/knowledge-document.resolver";
import { PetRecommendationsResolver, petReference } from "./pet/pet-recommendations.resolver";
import { Pet } from "./pet/pet.type";

/** The resolver classes of ai's schema; `app.ts` builds one instance of each with its services. */
export const AI_RESOLVERS = [
  AssistantResolver,
  AssistantSubscriptions,
  KnowledgeDocumentResolver,
  PetRecommendationsResolver,
] as const;

/** ai's federated schema: the assistant, its threads and its answer stream, the knowledge documents, and pets' product recommendations. */
export async function buildAiSchema(resolvers = new ResolverContainer()): Promise<GraphQLSchema> {
  const schema = await buildFederatedSchema({
    resolvers: AI_RESOLVERS,
    container: resolvers,
    // type-graphql requires a pub/sub when a schema has subscriptions; ours subscribe through the
    // resolvers' AssistantRealtime (one per instance), so this one is never used.
    pubSub: createPubSub(),
    // Pet is reached only through `_entities` (no field of ours returns one): listed so it is emitted.
    orphanedTypes: [Pet],
    referenceResolvers: { Pet: petReference },
  });
  return withLiveResolvers(schema, resolvers);
}
