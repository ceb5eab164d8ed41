import { openSubgraphDatabase, type SubgraphDatabase, type Logger } from "@pawgraph/subgraph-kit";
import { ClinicMembershipEntity } from "./user/clinic-membership.entity";
import { UserEntity } from "./user/user.entity";
import { RefreshTokenEntity } from "./session/refresh-token.entity";
import { Initial1764000000000 } from "./migrations/1764000000000-initial";
import { Events1764600000000 } from "./migrations/1764600000000-events";
import { DropLoginThrottle1765150000000 } from "./migrations/1765150000000-drop-login-throttle";

/** identity's tables live in the Postgres schema "identity". */
export function openIdentityDatabase(url: string, log: Logger): Promise<SubgraphDatabase> {
  return openSubgraphDatabase({
    schema: "identity",
    url,
    log,
    entities: [UserEntity, ClinicMembershipEntity, RefreshTokenEntity],
    migrations: [Initial1764000000000, Events1764600000000, DropLoginThrottle1765150000000],
  });
}
