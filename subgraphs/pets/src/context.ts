import DataLoader from "dataloader";
import { groupLoader, rowLoader, type BaseContext } from "@pawgraph/subgraph-kit";
import type { PetCarerEntity } from "./carer/pet-carer.entity";
import type { PetOwnerEntity } from "./pet/pet.entity";
import type { AccessiblePet, PetRepository } from "./pet/pet.repository";
import type { PetService } from "./pet/pet.service";
import type { RecordAccessGrantEntity } from "./grant/record-access-grant.entity";
import type { RecordAccessGrantService } from "./grant/record-access-grant.service";
import type { WeightRecordEntity } from "./weight/weight-record.entity";

export interface PetsServices {
  pets: PetService;
  grants: RecordAccessGrantService;
  repository: PetRepository;
}

/** Per-request context of the pets subgraph: viewer, services and fresh DataLoaders. */
export interface PetsContext extends BaseContext {
  services: PetsServices;
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

export function createPetsContext(base: BaseContext, services: PetsServices): PetsContext {
  const { repository } = services;
  return {
    ...base,
    services,
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
