import { openSubgraphDatabase, type Logger, type SubgraphDatabase } from "@pawgraph/subgraph-kit";
import { Initial1766200000000 } from "./migrations/1766200000000-initial";
import { ReminderClinic1767200000000 } from "./migrations/1767200000000-reminder-clinic";

/**
 * reports' fact tables live in the Postgres schema "reports", on a pool of their own (heavy report
 * queries never wait on checkout's); repositories speak SQL (every report is an aggregate).
 */
export function openReportsDatabase(url: string, log: Logger): Promise<SubgraphDatabase> {
  return openSubgraphDatabase({
    schema: "reports",
    url,
    log,
    entities: [],
    migrations: [Initial1766200000000, ReminderClinic1767200000000],
  });
}
