import DataLoader from "dataloader";
import { groupLoader, rowLoader, type BaseContext } from "@pawgraph/subgraph-kit";
import type { PetCarerEntity } from "./carer/pet-carer.entity";
import type { PetOwnerEntity } from "./pet/pet.entity";
import type { AccessiblePet, PetRepository } from "./pet/pet.repository";
import type { RecordAccessGrantEntity } from "./grant/record-access-grant.entity";
import type { WeightRecordEntity } from "./weight/weight-record.entity";

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
    latestWeight: DataLoader<string, WeightRecordEntity | null>;
    /** One page of a pet's weight history; pets asking for the same page shape share one statement. */
    weightPage: DataLoader<WeightPageKey, WeightRecordEntity[], string>;
  };
}

export interface WeightPageKey {
  petId: string;
  limit: number;
  after?: { measuredAt: string; seq: string };
}

/** The loaders read through `repository`, which the composition root hands in; the context does not keep it. */
export function createPetsContext(base: BaseContext, repository: PetRepository): PetsContext {
  return {
    ...base,
    loaders: {
      accessiblePet: rowLoader(async (ids) => (base.viewer ? repository.accessibleByIds(base.viewer, ids) : []), (row) => row.pet.id),
      ownersOf: groupLoader((ids) => repository.ownersOf(ids), (owner) => owner.petId),
      carersOf: groupLoader((ids) => repository.carersOf(ids), (carer) => carer.petId),
      grantsOf: groupLoader((ids) => repository.grantsOf(ids), (grant) => grant.petId),
      latestWeight: rowLoader((ids) => repository.latestWeights(ids), (weight) => weight.petId),
      weightPage: new DataLoader<WeightPageKey, WeightRecordEntity[], string>(
        async (keys) => {
          const shapes = new Map<string, WeightPageKey[]>();
          for (const key of keys) {
            const shape = JSON.stringify([key.limit, key.after ?? null]);
            shapes.set(shape, [...(shapes.get(shape) ?? []), key]);
          }
          const pages = new Map<string, WeightRecordEntity[]>();
          for (const group of shapes.values()) {
            const first = group[0]!;
            const rows = await repository.weightPages(group.map((k) => k.petId), first.limit, first.after);
            for (const key of group) pages.set(JSON.stringify(key), rows.filter((row) => row.petId === key.petId));
          }
          return keys.map((key) => pages.get(JSON.stringify(key)) ?? []);
        },
        { cacheKeyFn: (key) => JSON.stringify(key) },
      ),
    },
  };
}
