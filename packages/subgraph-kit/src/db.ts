import { DataSource, type EntitySchema, type Logger as TypeOrmLogger, type MixedList } from "typeorm";
import type { Logger } from "pino";
import { types, type Pool } from "pg";
import { guardCheckedOutConnections, poolIdleMs } from "./pg-pool";
import { tracePgQueries } from "./observability/tracing-pg";
import { envInt } from "./config";
import { metricsFor } from "./observability/metrics";
import { observePool } from "./observability/metrics.sources";

// Calendar dates stay "YYYY-MM-DD" strings: turning them into JS Dates shifts them across time zones.
types.setTypeParser(types.builtins.DATE, (value) => value);

/** Counts SQL statements sent by one data source; tests and benchmarks read it to prove batching. */
export class SqlStatementCounter {
  count = 0;
  /** Statements seen since the counter was last reset. */
  take(): number {
    const value = this.count;
    this.count = 0;
    return value;
  }
}

class PinoTypeOrmLogger implements TypeOrmLogger {
  constructor(
    private readonly pino: Logger,
    private readonly counter: SqlStatementCounter,
  ) {}
  logQuery(query: string, parameters?: unknown[]) {
    this.counter.count += 1;
    if (this.pino.isLevelEnabled("trace")) this.pino.trace({ query, parameters }, "sql");
  }
  logQueryError(error: string | Error, query: string) {
    this.pino.debug({ err: error, query }, "sql error");
  }
  logQuerySlow(time: number, query: string) {
    this.pino.warn({ time, query }, "slow sql");
  }
  logSchemaBuild(message: string) {
    this.pino.debug(message);
  }
  logMigration(message: string) {
    this.pino.info(message);
  }
  log(level: "log" | "info" | "warn", message: unknown) {
    if (level === "warn") this.pino.warn(String(message));
    else this.pino.debug(String(message));
  }
}

export interface SubgraphDataSourceOptions {
  /** Postgres schema that holds this subgraph's tables; also the subgraph's name. */
  schema: string;
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  log: Logger;
  poolSize?: number;
}

export interface SubgraphDatabase {
  dataSource: DataSource;
  sql: SqlStatementCounter;
}

/** The advisory lock every subgraph's migrations run under, whichever schema they change. */
const MIGRATION_LOCK = "pawgraph:migrate";

/**
 * Opens the subgraph's data source on its own Postgres schema and runs its migrations under an
 * advisory lock, so several instances starting at once migrate exactly once, and subgraphs starting
 * together on a fresh database never race for what they share.
 */
export async function openSubgraphDatabase(options: SubgraphDataSourceOptions): Promise<SubgraphDatabase> {
  const sql = new SqlStatementCounter();
  const dataSource = new DataSource({
    type: "postgres",
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: "migrations",
    migrationsTransactionMode: "each",
    synchronize: false,
    logger: new PinoTypeOrmLogger(options.log, sql),
    maxQueryExecutionTime: 1000,
    extra: {
      /** Postgres connections per subgraph process (env `DB_POOL_SIZE`); the test harness lowers it. */
      max: options.poolSize ?? envInt("DB_POOL_SIZE", 10),
      idleTimeoutMillis: poolIdleMs(),
      application_name: `pawgraph-${options.schema}`,
    },
  });
  await dataSource.initialize();
  guardCheckedOutConnections(pgPoolOf(dataSource), options.log);
  observePool(metricsFor(options.schema), "main", pgPoolOf(dataSource));
  tracePgQueries(pgPoolOf(dataSource));
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    // One lock for the whole database, not one per schema: subgraphs share what lives outside their
    // schemas (extensions such as pg_trgm, which catalog and ai both create), and two
    // `CREATE EXTENSION IF NOT EXISTS` at once fail one of them on a fresh database.
    await runner.query("SELECT pg_advisory_lock(hashtext($1))", [MIGRATION_LOCK]);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
      await dataSource.runMigrations({ transaction: "each" });
    } finally {
      await runner.query("SELECT pg_advisory_unlock(hashtext($1))", [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
  sql.count = 0;
  return { dataSource, sql };
}

/**
 * A second, small connection pool on a subgraph's schema for background work (event consumers):
 * bursts of events never starve request handling, and request statement counts stay exact.
 * No migrations run here; the main data source has run them.
 */
export async function openEventDataSource(url: string, schema: string, log: Logger, poolSize = 2): Promise<DataSource> {
  const dataSource = new DataSource({
    type: "postgres",
    url,
    schema,
    synchronize: false,
    extra: { max: poolSize, idleTimeoutMillis: poolIdleMs(), application_name: `pawgraph-${schema}-events` },
  });
  await dataSource.initialize();
  guardCheckedOutConnections(pgPoolOf(dataSource), log);
  observePool(metricsFor(schema), "events", pgPoolOf(dataSource));
  return dataSource;
}

/**
 * The pg Pool under a TypeORM Postgres data source. TypeORM listens for 'error' on the pool and on
 * the connections its query runners hold, but not in the moment between pg-pool handing a
 * connection out and the runner taking it (see `guardCheckedOutConnections`).
 */
export function pgPoolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}
