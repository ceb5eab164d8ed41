import { openSubgraphDatabase, type Logger, type SubgraphDatabase } from "@pawgraph/subgraph-kit";
import { PetCarerEntity } from "./carer/pet-carer.entity";
import { RecordAccessGrantEntity } from "./grant/record-access-grant.entity";
import { PetInvitationEntity } from "./invitation/pet-invitation.entity";
import { Initial1764000000000 } from "./migrations/1764000000000-initial";
import { RecordAccessGrants1764100000000 } from "./migrations/1764100000000-record-access-grants";
import { BookingAccess1764500000000 } from "./migrations/1764500000000-booking-access";
import { ConversationAccess1765000000000 } from "./migrations/1765000000000-conversation-access";
import { LivingMicrochips1765300000000 } from "./migrations/1765300000000-living-microchips";
import { PetInvitations1767100000000 } from "./migrations/1767100000000-pet-invitations";
import { PetEntity, PetOwnerEntity } from "./pet/pet.entity";
import { WeightRecordEntity } from "./weight/weight-record.entity";

/** pets' tables live in the Postgres schema "pets". */
export function openPetsDatabase(url: string, log: Logger): Promise<SubgraphDatabase> {
  return openSubgraphDatabase({
    schema: "pets",
    url,
    log,
    entities: [
      PetEntity,
      PetOwnerEntity,
      PetCarerEntity,
      WeightRecordEntity,
      RecordAccessGrantEntity,
      PetInvitationEntity,
    ],
    migrations: [
      Initial1764000000000,
      RecordAccessGrants1764100000000,
      BookingAccess1764500000000,
      ConversationAccess1765000000000,
      LivingMicrochips1765300000000,
      PetInvitations1767100000000,
    ],
  });
}
