import { createServer } from "node:net";
import { Client } from "pg";
import { OutboxRelay, RedisStreamsEventBus, createEventBus, outboxMigrationSql, writeEvent } from "../src/outbox";
import { recordingConsumer, uniqueName, waitFor } from "./outbox-fixture";
import { defineOutboxScenarios } from "./outbox-scenarios";

const databaseUrl = (): string => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (the Jest global setup sets it)");
  return url;
};

/** A local TCP port nothing listens on: a stand-in for "Redis is down". */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("outbox on the Postgres event bus (no REDIS_URL)", () => {
  const eventsSchema = uniqueName("events_test");
  afterAll(async () => {
    const client = new Client({ connectionString: databaseUrl() });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${eventsSchema} CASCADE`);
    await client.end();
  });

  const { fixture, bus, startRelay } = defineOutboxScenarios(({ log, slowPolling }) =>
    createEventBus({
      database: databaseUrl(),
      log,
      postgres: { schema: eventsSchema, pollIntervalMs: slowPolling ? 60_000 : 100, retryMs: 50, poolSize: 3 },
    }),
  );

  it("refuses to write an event outside a transaction, where it could commit without the change", async () => {
    await expect(
      writeEvent(fixture().dataSource.manager, fixture().schema, { type: "x.happened", aggregateId: "x", payload: {} }),
    ).rejects.toThrow("inside the transaction");
  });

  it("keeps events while the bus is unreachable and publishes them once a working bus is there", async () => {
    const quiet = fixture().log.child({}, { level: "silent" }); // the failures are the point
    const deadBus = new RedisStreamsEventBus(`redis://127.0.0.1:${await closedPort()}`, quiet, {
      stream: uniqueName("dead"),
    });
    const stuck = new OutboxRelay({
      dataSource: fixture().dataSource,
      schema: fixture().schema,
      bus: deadBus,
      log: quiet,
      pollIntervalMs: 20,
      retryMs: 20,
    });
    try {
      for (const n of [1, 2, 3]) await fixture().write("s7.happened", "s7-agg", n);
      await expect(stuck.flush(2000)).rejects.toThrow();
      await stuck.start();
      await new Promise((resolve) => setTimeout(resolve, 300)); // several failed attempts
      expect(await stuck.unpublishedCount()).toBe(3);
    } finally {
      await stuck.stop();
      await deadBus.close();
    }

    const onBus = await bus();
    const { deliveries } = await recordingConsumer(onBus, fixture(), { types: ["s7.happened"] });
    await startRelay(onBus);
    await waitFor("the three waiting events", () => deliveries.ids().size === 3);
    expect(deliveries.sequenceOf("s7-agg")).toEqual([1, 2, 3]);
  });

  it("migration down removes the outbox tables, and up creates them again", async () => {
    const { up, down } = outboxMigrationSql(fixture().schema);
    await fixture().dataSource.transaction(async (manager) => {
      for (const statement of down) await manager.query(statement);
      const left: unknown[] = await manager.query(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name IN ('outbox', 'processed_events')",
        [fixture().schema],
      );
      expect(left).toEqual([]);
      for (const statement of up) await manager.query(statement);
    });
    expect(() => outboxMigrationSql("pets; DROP TABLE x")).toThrow("Invalid Postgres schema name");
  });
});
