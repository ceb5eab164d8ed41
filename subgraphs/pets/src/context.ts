import type DataLoader from "dataloader";
import { groupLoader, pageLoader, rowLoader, type BaseContext, type PageKey } from "@pawgraph/subgraph-kit";
import type { PetCarerEntity } from "./carer/pet-carer.entity";
import type { PetCarerRepository } from "./carer/pet-carer.repository";
import type { InvitationRow, PetInvitationRepository } from "./invitation/pet-invitation.repository";
import type { PetOwnerEntity } from "./pet/pet.entity";
import type { AccessiblePet, PetRepository } from "./pet/pet.repository";
import type { RecordAccessGrantEntity } from "./grant/record-access-grant.entity";
import type { RecordAccessGrantRepository } from "./grant/record-access-grant.repository";
import type { WeightRecordEntity } from "./weight/weight-record.entity";
import type { WeightKey, WeightRecordRepository } from "./weight/weight-record.repository";

/**
 * Per-request context of the pets subgraph: the kit's base context (viewer, request id, log) and fresh
 * DataLoaders, nothing else. Services and resolvers get their collaborators by constructor in `app.ts`
 * (docs/decisions/0028), so this file imports no service and no import cycle runs through it.
 */
export interface PetsContext extends BaseContext {
  loaders: {
    /** Pets the viewer may read, with the viewer's relationship; null when not allowed. */
    accessiblePet: DataLoader<string, AccessiblePet | null>;
    ownersOf: DataLoader<string, PetOwnerEntity[]>;
    carersOf: DataLoader<string, PetCarerEntity[]>;
    grantsOf: DataLoader<string, RecordAccessGrantEntity[]>;
    /** Pending, unexpired invitations of a pet (shown to its owners only). */
    pendingInvitationsOf: DataLoader<string, InvitationRow[]>;
    latestWeight: DataLoader<string, WeightRecordEntity | null>;
    /** One page of a pet's weight history; pets asking for the same page shape share one statement. */
    weightPage: DataLoader<PageKey<WeightKey>, WeightRecordEntity[], string>;
  };
}

/** What the loaders read through, handed in by the composition root; the context does not keep them. */
export interface PetsLoaderSources {
  pets: PetRepository;
  carers: PetCarerRepository;
  grants: RecordAccessGrantRepository;
  invitations: PetInvitationRepository;
  weights: WeightRecordRepository;
}

export function createPetsContext(
  base: BaseContext,
  { pets, carers, grants, invitations, weights }: PetsLoaderSources,
): PetsContext {
  return {
    ...base,
    loaders: {
      accessiblePet: rowLoader(
        async (ids) => (base.viewer ? pets.accessibleByIds(base.viewer, ids) : []),
        (row) => row.pet.id,
      ),
      ownersOf: groupLoader(
        (ids) => pets.ownersOf(ids),
        (owner) => owner.petId,
      ),
      carersOf: groupLoader(
        (ids) => carers.ofPets(ids),
        (carer) => carer.petId,
      ),
      grantsOf: groupLoader(
        (ids) => grants.ofPets(ids),
        (grant) => grant.petId,
      ),
      pendingInvitationsOf: groupLoader(
        (ids) => invitations.pendingOfPets(ids),
        (invitation) => invitation.petId,
      ),
      latestWeight: rowLoader(
        (ids) => weights.latest(ids),
        (weight) => weight.petId,
      ),
      weightPage: pageLoader(
        (petIds, query) => weights.pages(petIds, query),
        (weight) => weight.petId,
      ),
    },
  };
}
