import { createLogger } from "./logger";
import { TopicEventTarget, openRealtimePubSub } from "./realtime";

describe("in-process realtime pub/sub", () => {
  it("delivers a topic's events to each of its subscribers and to nobody else", async () => {
    const { pubSub, transport } = openRealtimePubSub<{ "message-added": [string, { text: string }] }>({
      log: createLogger("test"),
    });
    expect(transport).toBe("memory");
    const a = pubSub.subscribe("message-added", "c1")[Symbol.asyncIterator]();
    const b = pubSub.subscribe("message-added", "c1")[Symbol.asyncIterator]();
    const other = pubSub.subscribe("message-added", "c2")[Symbol.asyncIterator]();
    const nextA = a.next();
    const nextB = b.next();
    const nextOther = other.next();
    await new Promise((resolve) => setImmediate(resolve));
    pubSub.publish("message-added", "c1", { text: "hello" });
    expect((await nextA).value).toEqual({ text: "hello" });
    expect((await nextB).value).toEqual({ text: "hello" });
    const pending = await Promise.race([
      nextOther.then(() => "delivered"),
      new Promise((resolve) => setTimeout(() => resolve("nothing"), 50)),
    ]);
    expect(pending).toBe("nothing");
    await Promise.all([a.return?.(), b.return?.(), other.return?.()]);
  });

  it("keeps listeners per topic in sets: thousands of subscribers, no warnings, removed when they leave", () => {
    const target = new TopicEventTarget();
    const warnings: unknown[] = [];
    const onWarning = (warning: unknown) => warnings.push(warning);
    process.on("warning", onWarning);
    const seen: number[] = [];
    const listeners = Array.from({ length: 5_000 }, (_, i) => () => seen.push(i));
    for (const listener of listeners) target.addEventListener("t", listener);
    target.dispatchEvent(new CustomEvent("t", { detail: null }) as never);
    expect(seen).toHaveLength(5_000);
    for (const listener of listeners.slice(1)) target.removeEventListener("t", listener);
    target.dispatchEvent(new CustomEvent("t", { detail: null }) as never);
    expect(seen).toHaveLength(5_001);
    process.off("warning", onWarning);
    expect(warnings).toEqual([]);
  });
});
