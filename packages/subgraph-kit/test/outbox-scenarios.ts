import { randomUUID } from "node:crypto";
import type { Logger } from "../src/logger";
import { z } from "zod";
import {
  OutboxRelay,
  consume,
  readEvent,
  writeEvent,
  type DomainEvent,
  type EventBus,
  type OutboxRelayOptions,
  type RedisBusSettings,
} from "../src/outbox";
import { openOutboxFixture, recordingConsumer, uniqueName, waitFor, type OutboxFixture } from "./outbox-fixture";

export interface BusTuning {
  /** Defaults to the fixture's logger. */
  log?: Logger;
  /** Redis bus settings for one scenario (ignored by the Postgres bus). */
  redis?: Partial<RedisBusSettings>;
  /** Poll only once a minute, so a prompt delivery proves LISTEN/NOTIFY (or XREADGROUP BLOCK) woke it. */
  slowPolling?: boolean;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The outbox guarantees, run against one bus implementation: exactly-once relay of committed
 * events, concurrent relays, relay restarts, consumer crashes and duplicate deliveries.
 */
export function defineOutboxScenarios(openBus: (tuning: BusTuning & { log: Logger }) => Promise<EventBus>): {
  fixture: () => OutboxFixture;
  bus: (tuning?: BusTuning) => Promise<EventBus>;
  startRelay: (bus: EventBus, options?: Partial<OutboxRelayOptions>) => Promise<OutboxRelay>;
} {
  let fixture: OutboxFixture;
  const cleanups: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    fixture = await openOutboxFixture();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(() => fixture.close());

  const bus = async (tuning: BusTuning = {}) => {
    const opened = await openBus({ log: fixture.log, ...tuning });
    cleanups.push(() => opened.close());
    return opened;
  };
  const startRelay = async (onBus: EventBus, options: Partial<OutboxRelayOptions> = {}) => {
    const relay = new OutboxRelay({
      dataSource: fixture.dataSource,
      schema: fixture.schema,
      bus: onBus,
      log: fixture.log,
      pollIntervalMs: 100,
      ...options,
    });
    cleanups.push(() => relay.stop());
    await relay.start();
    return relay;
  };
  const unpublished = async (type: string): Promise<number> => {
    const rows: Array<{ count: number }> = await fixture.dataSource.query(
      `SELECT count(*)::int AS count FROM ${fixture.schema}.outbox WHERE type = $1 AND published_at IS NULL`,
      [type],
    );
    return rows[0]?.count ?? 0;
  };

  it("relays an event from a committed transaction exactly once, and never one from a rolled-back transaction", async () => {
    const onBus = await bus({ slowPolling: true });
    const { deliveries } = await recordingConsumer(onBus, fixture, { types: ["s1.committed", "s1.rolled-back"] });
    await startRelay(onBus, { pollIntervalMs: 60_000 });

    const first = await fixture.write("s1.committed", "s1-agg", 1);
    await expect(
      fixture.dataSource.transaction(async (manager) => {
        await writeEvent(manager, fixture.schema, {
          type: "s1.rolled-back",
          aggregateId: "s1-agg",
          payload: { n: 99 },
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const second = await fixture.write("s1.committed", "s1-agg", 2);

    // Both pollers wait a minute: arriving within 3 s means NOTIFY (or a blocking read) woke them.
    await waitFor("the second committed event", () => deliveries.ids().has(second), 3000);
    await settle(100);
    expect(deliveries.events.map((event) => [event.id, event.type])).toEqual([
      [first, "s1.committed"],
      [second, "s1.committed"],
    ]);
    expect(deliveries.events[0]).toEqual({
      id: first,
      type: "s1.committed",
      aggregateId: "s1-agg",
      payload: { n: 1 },
      occurredAt: expect.any(Date),
      source: fixture.schema,
    });
    const rows: unknown[] = await fixture.dataSource.query(
      `SELECT 1 FROM ${fixture.schema}.outbox WHERE type = 's1.rolled-back'`,
    );
    expect(rows).toEqual([]);
  });

  it("delivers 200 events written while two relays run, each exactly once and in order per aggregate", async () => {
    const onBus = await bus();
    const { deliveries } = await recordingConsumer(onBus, fixture, { types: ["s2.happened"] });
    // Small batches, so the two relays interleave on the same rows.
    const relays = await Promise.all([
      startRelay(onBus, { batchSize: 7, pollIntervalMs: 20 }),
      startRelay(onBus, { batchSize: 7, pollIntervalMs: 20 }),
    ]);

    const aggregates = range(1, 10).map((i) => `s2-agg-${i}`);
    const written = await Promise.all(
      aggregates.map(async (aggregateId) => {
        const ids: string[] = [];
        for (const n of range(1, 20)) ids.push(await fixture.write("s2.happened", aggregateId, n));
        return ids;
      }),
    );
    await relays[0]?.flush();
    await waitFor("200 distinct events", () => deliveries.ids().size === 200, 10_000);
    await settle(200); // a duplicate, if any, would arrive now

    expect(deliveries.events).toHaveLength(200);
    expect(deliveries.ids()).toEqual(new Set(written.flat()));
    for (const aggregateId of aggregates) expect(deliveries.sequenceOf(aggregateId)).toEqual(range(1, 20));
    const effects = await fixture.effectCounts();
    expect(written.flat().filter((id) => effects.get(id) !== 1)).toEqual([]);
  });

  it("publishes events written while no relay ran as soon as a new relay starts", async () => {
    const onBus = await bus();
    const { deliveries } = await recordingConsumer(onBus, fixture, { types: ["s3.happened"] });
    const previous = await startRelay(onBus);
    await previous.stop();

    const ids: string[] = [];
    for (const n of range(1, 10))
      for (const aggregateId of ["s3-a", "s3-b", "s3-c"]) ids.push(await fixture.write("s3.happened", aggregateId, n));
    await settle(100);
    expect(await unpublished("s3.happened")).toBe(30);
    expect(deliveries.events).toEqual([]);

    await startRelay(onBus);
    await waitFor("30 events after the restart", () => deliveries.ids().size === 30);
    expect(deliveries.events).toHaveLength(30);
    for (const aggregateId of ["s3-a", "s3-b", "s3-c"])
      expect(deliveries.sequenceOf(aggregateId)).toEqual(range(1, 10));
    expect(await unpublished("s3.happened")).toBe(0);
  });

  it("redelivers events whose consumer crashed before finishing, and applies each once", async () => {
    const onBus = await bus({ log: fixture.log.child({}, { level: "silent" }) }); // the crashes are expected
    const crashedInside = new Set<string>();
    const crashedAfterCommit = new Set<string>();
    const { deliveries } = await recordingConsumer(onBus, fixture, {
      types: ["s4.happened"],
      handle: async (event, manager) => {
        await fixture.applyEffect(event, manager);
        if (Number(event.payload.n) % 3 === 1 && !crashedInside.has(event.id)) {
          crashedInside.add(event.id);
          throw new Error("crash inside the handler's transaction (rolled back)");
        }
      },
      afterApply: (event) => {
        if (Number(event.payload.n) % 3 === 2 && !crashedAfterCommit.has(event.id)) {
          crashedAfterCommit.add(event.id);
          throw new Error("crash after the effect committed, before the acknowledgement");
        }
      },
    });
    await startRelay(onBus);
    const ids: string[] = [];
    for (const n of range(1, 9)) ids.push(await fixture.write("s4.happened", "s4-agg", n));

    await waitFor("all nine effects", async () => {
      const effects = await fixture.effectCounts();
      return ids.every((id) => effects.has(id));
    });
    await settle(100);
    const effects = await fixture.effectCounts();
    expect(ids.map((id) => effects.get(id))).toEqual(ids.map(() => 1));
    expect(crashedInside.size).toBe(3);
    expect(crashedAfterCommit.size).toBe(3);
    for (const id of [...crashedInside, ...crashedAfterCommit])
      expect(deliveries.timesDelivered(id)).toBeGreaterThanOrEqual(2);
  });

  it("applies an event that reaches the bus twice only once", async () => {
    const onBus = await bus();
    await consume(onBus, {
      dataSource: fixture.dataSource,
      schema: fixture.schema,
      consumer: uniqueName("consumer"),
      types: ["s5.happened"],
      handle: fixture.applyEffect,
    });
    const event: DomainEvent = {
      id: randomUUID(),
      type: "s5.happened",
      aggregateId: "s5-agg",
      payload: { n: 1 },
      occurredAt: new Date(),
      source: fixture.schema,
    };
    const marker: DomainEvent = { ...event, id: randomUUID(), payload: { n: 2 } };
    await onBus.publish([event, event]);
    await onBus.publish([event]);
    await onBus.publish([marker]);

    // Consumers see one aggregate's events in order, so once the marker is applied the copies were handled.
    await waitFor("the marker event", async () => (await fixture.effectCounts()).has(marker.id));
    expect((await fixture.effectCounts()).get(event.id)).toBe(1);
  });

  it("skips an event whose payload its consumer cannot decode, and goes on with the next (docs/decisions/0029)", async () => {
    const onBus = await bus();
    const happened = readEvent({ source: fixture.schema, name: "s6.happened", payload: z.object({ n: z.number() }) });
    await consume(onBus, {
      dataSource: fixture.dataSource,
      schema: fixture.schema,
      consumer: uniqueName("consumer"),
      types: [happened.type],
      handle: async (event, manager) => fixture.applyEffect({ ...event, payload: happened.decode(event) }, manager),
    });
    const base = { type: happened.type, aggregateId: "s6-agg", occurredAt: new Date(), source: fixture.schema };
    const broken: DomainEvent = { ...base, id: randomUUID(), payload: { n: "one" } };
    const next: DomainEvent = { ...base, id: randomUUID(), payload: { n: 2 } };
    await onBus.publish([broken, next]);

    // A rejected handler is retried forever, in order: without the skip, `next` would never arrive.
    await waitFor("the event after the undecodable one", async () => (await fixture.effectCounts()).has(next.id));
    expect((await fixture.effectCounts()).has(broken.id)).toBe(false);
  });

  return { fixture: () => fixture, bus, startRelay };
}
