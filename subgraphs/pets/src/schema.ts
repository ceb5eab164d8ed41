import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema } from "@pawgraph/subgraph-kit";
import { PetCarerResolver, PetResolver, petReference } from "./pet/pet.resolver";
import { RecordAccessGrantResolver } from "./grant/record-access-grant.resolver";
import { PetAudienceResolver } from "./internal/pet-audience.resolver";
import { UserPetsResolver, userReference } from "./user/user-pets.resolver";

/** pets' federated schema: pets, sharing, weights, and `User.pets`. */
export function buildPetsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [PetResolver, PetCarerResolver, RecordAccessGrantResolver, UserPetsResolver, PetAudienceResolver],
    referenceResolvers: { Pet: petReference, User: userReference },
  });
}
