import { openSubgraphDatabase, type Logger, type SubgraphDatabase } from "@pawgraph/subgraph-kit";
import { Initial1765700000000 } from "./migrations/1765700000000-initial";
import { Outbox1767400000000 } from "./migrations/1767400000000-outbox";

/** ai's tables live in the Postgres schema "ai"; repositories speak SQL (search and vectors need it). */
export function openAiDatabase(url: string, log: Logger): Promise<SubgraphDatabase> {
  return openSubgraphDatabase({
    schema: "ai",
    url,
    log,
    entities: [],
    migrations: [Initial1765700000000, Outbox1767400000000],
  });
}
