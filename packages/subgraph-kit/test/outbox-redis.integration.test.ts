import { Redis } from "ioredis";
import { consume, createEventBus } from "../src/outbox";
import { uniqueName, waitFor } from "./outbox-fixture";
import { defineOutboxScenarios } from "./outbox-scenarios";

const redisUrl = process.env.REDIS_URL;
const describeRedis = redisUrl ? describe : describe.skip;

describeRedis("outbox on the Redis Streams event bus", () => {
  if (!redisUrl) {
    console.log(
      "Skipping the Redis Streams outbox tests: REDIS_URL is not set (the Postgres event bus tests still run).",
    );
    it("needs REDIS_URL", () => undefined);
    return;
  }
  const stream = `pawgraph:test:${uniqueName("events")}`;
  const raw = new Redis(redisUrl, { protocol: 2 });
  afterAll(async () => {
    await raw.del(stream);
    await raw.quit();
  });

  const { fixture, bus, startRelay } = defineOutboxScenarios(({ log, redis }) =>
    createEventBus({ redisUrl, log, redis: { stream, retryMs: 50, ...redis } }),
  );

  it("hands the entries a crashed consumer had taken, but never acknowledged, to another consumer of its group", async () => {
    const group = uniqueName("consumer");
    await raw.call("XGROUP", ["CREATE", stream, group, "$", "MKSTREAM"]);
    const onBus = await bus();
    const relay = await startRelay(onBus);
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) ids.push(await fixture().write("s6.happened", "s6-agg", n));
    await relay.flush();

    // A consumer reads all five and dies before acknowledging any.
    const taken = await raw.call("XREADGROUP", [
      "GROUP",
      group,
      "crashed-consumer",
      "COUNT",
      "100",
      "STREAMS",
      stream,
      ">",
    ]);
    expect(JSON.stringify(taken).match(/s6\.happened/g)).toHaveLength(5);

    const rescuer = await bus({ redis: { claimIdleMs: 100, claimIntervalMs: 100, blockMs: 100 } });
    await consume(rescuer, {
      dataSource: fixture().dataSource,
      schema: fixture().schema,
      consumer: group,
      handle: fixture().applyEffect,
    });
    await waitFor("the five taken-over events applied", async () => {
      const effects = await fixture().effectCounts();
      return ids.every((id) => effects.get(id) === 1);
    });
    await waitFor("nothing pending in the group", async () => {
      const summary = await raw.call("XPENDING", [stream, group]);
      return Array.isArray(summary) && summary[0] === 0;
    });
  });

  it("recreates its consumer group when Redis has lost it (a restart without persistence)", async () => {
    const lonely = `${stream}:lost`;
    const onBus = await createEventBus({
      redisUrl,
      log: fixture().log.child({}, { level: "silent" }),
      redis: { stream: lonely, retryMs: 50, blockMs: 100 },
    });
    try {
      const seen: string[] = [];
      await onBus.subscribe({ group: uniqueName("consumer"), handler: async (event) => void seen.push(event.id) });
      await raw.del(lonely); // the stream and its groups are gone
      const event = {
        id: "00000000-0000-4000-8000-000000000001",
        type: "s8.happened",
        aggregateId: "s8",
        payload: {},
        occurredAt: new Date(),
        source: "test",
      };
      await onBus.publish([event]);
      await waitFor("the event after the group was recreated", () => seen.includes(event.id));
    } finally {
      await onBus.close();
      await raw.del(lonely);
    }
  });
});
