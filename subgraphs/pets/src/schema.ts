import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, ResolverContainer } from "@pawgraph/subgraph-kit";
// type-graphql lists Query and Mutation fields in the order their modules load, and schema.graphql is
// committed: keep this import order (grants' mutations come first), or the emitted SDL reorders.
import { RecordAccessGrantResolver } from "./grant/record-access-grant.resolver";
import { PetResolver } from "./pet/pet.resolver";
import { WeightRecordResolver } from "./weight/weight-record.resolver";
import { PetCarerResolver } from "./carer/pet-carer.resolver";
import { PetAudienceResolver } from "./pet-audience/pet-audience.resolver";
import { UserPetsResolver } from "./user/user-pets.resolver";
import { PetInvitationResolver, PetPendingInvitationsResolver } from "./invitation/pet-invitation.resolver";
import { petReference } from "./pet/pet.reference";
import { userReference } from "./user/user.reference";

/** The resolver classes of pets' schema; `app.ts` builds one instance of each with its services. */
export const PETS_RESOLVERS = [
  PetResolver,
  PetCarerResolver,
  WeightRecordResolver,
  RecordAccessGrantResolver,
  UserPetsResolver,
  PetAudienceResolver,
  PetInvitationResolver,
  PetPendingInvitationsResolver,
] as const;

/**
 * pets' federated schema: pets, sharing, invitations, weights, and `User.pets`. `resolvers` holds the instances
 * the composition root built; `emit-schema` passes none, since type-graphql asks for an instance only
 * when a field resolves (docs/decisions/0028).
 */
export function buildPetsSchema(resolvers = new ResolverContainer()): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: PETS_RESOLVERS,
    container: resolvers,
    referenceResolvers: { Pet: petReference, User: userReference },
  });
}
