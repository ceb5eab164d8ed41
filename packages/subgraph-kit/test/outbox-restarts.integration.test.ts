import { DataSource } from "typeorm";
import { startOwnRedis, type OwnRedis } from "../../../e2e/redis-server";
import { startTcpProxy } from "../../../e2e/tcp-proxy";
import { OutboxRelay, consume, createEventBus, type EventBus } from "../src/outbox";
import { openRealtimePubSub } from "../src/realtime";
import { openOutboxFixture, recordingConsumer, uniqueName, waitFor, type OutboxFixture } from "./outbox-fixture";

// The outbox and realtime mechanisms across outages of what they depend on
// (docs/decisions/0026-redis-restarts.md): delivery resumes within 2 s of the dependency returning,
// a Redis that restarted empty is given its lost events again, and a topic subscribed while Redis
// was down is subscribed once it is back.

jest.setTimeout(60_000);

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * How long the Postgres outages last: by 16 s a backoff of 1 s doubling (with 50-100 % jitter) is in
 * a wait of 8 s or more, so without the wake-ups delivery would come seconds after the return.
 */
const OUTAGE_MS = 16_000;
const cleanups: Array<() => Promise<void>> = [];
let fixture: OutboxFixture;
beforeAll(async () => {
  fixture = await openOutboxFixture();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => fixture.close());

function later<T extends { stop(): Promise<void> } | { close(): Promise<void> }>(thing: T): T {
  cleanups.push(() => ("stop" in thing ? thing.stop() : thing.close()));
  return thing;
}

/**
 * A TCP proxy in front of the test database (to cut and restore), a DataSource through it, and a
 * Postgres bus that reaches the database directly; all cleaned up after the test.
 */
async function proxiedDatabaseAndBus() {
  const databaseUrl = process.env.DATABASE_URL!;
  const proxy = await startTcpProxy(databaseUrl);
  cleanups.push(() => proxy.stop());
  const throughProxy = new DataSource({
    type: "postgres",
    url: proxy.via(databaseUrl),
    schema: fixture.schema,
    entities: [],
    extra: { max: 2 },
  });
  await throughProxy.initialize();
  cleanups.push(() => throughProxy.destroy());
  const bus = later(
    await createEventBus({
      database: databaseUrl,
      log: fixture.log,
      postgres: { schema: uniqueName("events_test"), pollIntervalMs: 100 },
    }),
  );
  return { proxy, throughProxy, bus };
}

describe("after an outage of Postgres", () => {
  it("the relay publishes what was written meanwhile within 2 s of the database returning, not after its backoff", async () => {
    // The relay reaches the database through the proxy; the bus, the consumer and the writer directly.
    const { proxy, throughProxy, bus } = await proxiedDatabaseAndBus();
    const { deliveries } = await recordingConsumer(bus, fixture, { types: ["pg-outage.happened"] });
    const relay = later(
      new OutboxRelay({ dataSource: throughProxy, schema: fixture.schema, bus, log: fixture.log, pollIntervalMs: 100 }),
    );
    await relay.start();

    proxy.cut();
    const id = await fixture.write("pg-outage.happened", "pg-outage", 1);
    // Down long enough for the relay's backoff (1 s doubling, with jitter) to reach waits of 8 s and more.
    await settle(OUTAGE_MS);
    expect(deliveries.ids().has(id)).toBe(false);
    proxy.restore();
    const back = Date.now();
    await waitFor("the event written during the outage", () => deliveries.ids().has(id), 15_000);
    expect(Date.now() - back).toBeLessThan(2_000);
  });

  it("a consumer whose database is down retries about once a second: the event takes effect within 2 s of the database returning", async () => {
    // The consumer applies events through the proxy; the bus and the relay reach the database directly.
    const { proxy, throughProxy, bus } = await proxiedDatabaseAndBus();
    const consumer = uniqueName("consumer");
    await consume(bus, {
      dataSource: throughProxy,
      schema: fixture.schema,
      consumer,
      types: ["consumer-outage.happened"],
      handle: fixture.applyEffect,
    });
    await later(
      new OutboxRelay({
        dataSource: fixture.dataSource,
        schema: fixture.schema,
        bus,
        log: fixture.log,
        pollIntervalMs: 100,
      }),
    ).start();

    proxy.cut();
    const id = await fixture.write("consumer-outage.happened", "consumer-outage", 1);
    await settle(OUTAGE_MS); // the handler fails again and again, its backoff growing
    expect((await fixture.effectCounts()).get(id)).toBeUndefined();
    proxy.restore();
    const back = Date.now();
    await waitFor("the event's effect", async () => (await fixture.effectCounts()).get(id) === 1, 15_000);
    expect(Date.now() - back).toBeLessThan(2_000);
  });
});

const describeRedis = process.env.REDIS_URL ? describe : describe.skip;

describeRedis("across restarts of a Redis without persistence", () => {
  if (!process.env.REDIS_URL) {
    console.log(
      "Skipping the Redis restart tests of the outbox and realtime: REDIS_URL is not set (they start a redis-server of their own, as CI runs them).",
    );
    it("needs REDIS_URL", () => undefined);
    return;
  }
  let redis: OwnRedis;
  beforeAll(async () => {
    redis = await startOwnRedis({ persistence: "none" });
  });
  afterAll(() => redis.stop());

  const redisBus = async (): Promise<EventBus> =>
    later(
      await createEventBus({
        redisUrl: redis.url,
        log: fixture.log,
        redis: { stream: uniqueName("events"), blockMs: 200 },
      }),
    );

  it("publishes again the events a restarted Redis lost; each takes effect once, and delivery resumes within 2 s", async () => {
    const bus = await redisBus();
    const { deliveries } = await recordingConsumer(bus, fixture, { types: ["restart.happened"] });
    const relay = later(
      new OutboxRelay({
        dataSource: fixture.dataSource,
        schema: fixture.schema,
        bus,
        log: fixture.log,
        pollIntervalMs: 100,
      }),
    );
    await relay.start();
    const before = [
      await fixture.write("restart.happened", "restart-a", 1),
      await fixture.write("restart.happened", "restart-b", 1),
    ];
    await waitFor("the events before the restart", () => before.every((id) => deliveries.ids().has(id)));

    await redis.kill();
    const during = await fixture.write("restart.happened", "restart-a", 2);
    await settle(8_000); // the relay's and the consumer's backoff pass several seconds
    await redis.start();
    const back = Date.now();
    await waitFor("the event written while Redis was down", () => deliveries.ids().has(during), 15_000);
    expect(Date.now() - back).toBeLessThan(2_000);

    // The stream was gone with everything in it: the relay published the earlier events again, before
    // the new one (per-aggregate order holds), and the consumer's dedupe applied each once.
    expect(before.map((id) => deliveries.timesDelivered(id))).toEqual([2, 2]);
    expect(deliveries.sequenceOf("restart-a")).toEqual([1, 1, 2]);
    // A delivery is logged before the handler's transaction commits: wait for its effect, then count.
    await waitFor("the effect of the event written while Redis was down", async () =>
      (await fixture.effectCounts()).has(during),
    );
    const effects = await fixture.effectCounts();
    expect([...before, during].map((id) => effects.get(id))).toEqual([1, 1, 1]);
  });

  it("a realtime topic first listened to while Redis was down, and its later listeners, receive events once Redis is back", async () => {
    const live = openRealtimePubSub<{ "topic-added": [string, { n: number }] }>({
      redisUrl: redis.url,
      namespace: uniqueName("realtime"),
      log: fixture.log,
    });
    cleanups.push(() => live.close());

    await redis.kill();
    const first = live.pubSub.subscribe("topic-added", "t1")[Symbol.asyncIterator]();
    const firstNext = first.next();
    await settle(1_500); // its SUBSCRIBE fails meanwhile
    await redis.start();
    await settle(1_000);
    const second = live.pubSub.subscribe("topic-added", "t1")[Symbol.asyncIterator]();
    const secondNext = second.next();
    await settle(200);

    live.pubSub.publish("topic-added", "t1", { n: 1 });
    let timer: NodeJS.Timeout | undefined;
    const nothing = new Promise((resolve) => (timer = setTimeout(() => resolve("nothing"), 5_000)));
    const received = await Promise.race([Promise.all([firstNext, secondNext]), nothing]);
    clearTimeout(timer);
    expect(received).toEqual([
      { value: { n: 1 }, done: false },
      { value: { n: 1 }, done: false },
    ]);
    await Promise.all([first.return?.(), second.return?.()]);
  });
});
