import { openSubgraphDatabase, type Logger, type SubgraphDatabase } from "@pawgraph/subgraph-kit";
import { PetCarerEntity } from "./carer/pet-carer.entity";
import { Initial1764000000000 } from "./migrations/1764000000000-initial";
import { PetEntity, PetOwnerEntity } from "./pet/pet.entity";
import { WeightRecordEntity } from "./weight/weight-record.entity";

/** pets' tables live in the Postgres schema "pets". */
export function openPetsDatabase(url: string, log: Logger): Promise<SubgraphDatabase> {
  return openSubgraphDatabase({
    schema: "pets",
    url,
    log,
    entities: [PetEntity, PetOwnerEntity, PetCarerEntity, WeightRecordEntity],
    migrations: [Initial1764000000000],
  });
}
