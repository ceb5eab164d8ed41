import { randomBytes } from "node:crypto";
import { DataSource, type EntityManager } from "typeorm";
import { createLogger, type Logger } from "../src/logger";
import {
  idempotentHandler,
  outboxMigrationSql,
  writeEvent,
  type DomainEvent,
  type EventBus,
  type EventSubscription,
} from "../src/outbox";

/** A throwaway Postgres schema holding an outbox, processed_events and an `effects` table a consumer writes to. */
export interface OutboxFixture {
  dataSource: DataSource;
  schema: string;
  log: Logger;
  /** Writes one event in its own committed transaction. */
  write(type: string, aggregateId: string, n: number): Promise<string>;
  /** A consumer's effect: one row per application, so duplicates would show. */
  applyEffect(event: DomainEvent, manager: EntityManager): Promise<void>;
  /** Rows in `effects` per event id. */
  effectCounts(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

/** A unique lower-case name with the given prefix, for schemas, streams and consumer groups. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString("hex")}`;
}

export async function openOutboxFixture(): Promise<OutboxFixture> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (the Jest global setup sets it)");
  const schema = uniqueName("outbox_test");
  const dataSource = new DataSource({ type: "postgres", url, schema, entities: [], extra: { max: 20 } });
  await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA ${schema}`);
  for (const statement of outboxMigrationSql(schema).up) await dataSource.query(statement);
  await dataSource.query(
    `CREATE TABLE ${schema}.effects (event_id uuid NOT NULL, aggregate_id text NOT NULL, n int NOT NULL)`,
  );
  return {
    dataSource,
    schema,
    log: createLogger("outbox-test"),
    write: (type, aggregateId, n) =>
      dataSource.transaction((manager) => writeEvent(manager, schema, { type, aggregateId, payload: { n } })),
    applyEffect: async (event, manager) => {
      await manager.query(`INSERT INTO ${schema}.effects (event_id, aggregate_id, n) VALUES ($1, $2, $3)`, [
        event.id,
        event.aggregateId,
        event.payload.n,
      ]);
    },
    effectCounts: async () => {
      const rows: Array<{ event_id: string; count: number }> = await dataSource.query(
        `SELECT event_id, count(*)::int AS count FROM ${schema}.effects GROUP BY event_id`,
      );
      return new Map(rows.map((row) => [row.event_id, row.count]));
    },
    close: async () => {
      await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
      await dataSource.destroy();
    },
  };
}

/** Polls until `check` returns true; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every delivery a consumer saw (before deduplication), in arrival order. */
export class DeliveryLog {
  readonly events: DomainEvent[] = [];
  ids(): Set<string> {
    return new Set(this.events.map((event) => event.id));
  }
  timesDelivered(id: string): number {
    return this.events.filter((event) => event.id === id).length;
  }
  /** `payload.n` of one aggregate's deliveries, in arrival order. */
  sequenceOf(aggregateId: string): unknown[] {
    return this.events.filter((event) => event.aggregateId === aggregateId).map((event) => event.payload.n);
  }
}

/**
 * Subscribes a consumer that logs every raw delivery, then applies it through `idempotentHandler`
 * (as `consume()` does); `afterApply` may throw to simulate a crash after commit, before the ack.
 */
export async function recordingConsumer(
  bus: EventBus,
  fixture: OutboxFixture,
  options: {
    types: string[];
    handle?: (event: DomainEvent, manager: EntityManager) => Promise<void>;
    afterApply?: (event: DomainEvent) => void;
  },
): Promise<{ deliveries: DeliveryLog; subscription: EventSubscription }> {
  const deliveries = new DeliveryLog();
  const consumer = uniqueName("consumer");
  const apply = idempotentHandler({
    dataSource: fixture.dataSource,
    schema: fixture.schema,
    consumer,
    types: options.types,
    handle: options.handle ?? fixture.applyEffect,
  });
  const subscription = await bus.subscribe({
    group: consumer,
    handler: async (event) => {
      if (!options.types.includes(event.type)) return;
      deliveries.events.push(event);
      await apply(event);
      options.afterApply?.(event);
    },
  });
  return { deliveries, subscription };
}
