import { z } from "zod";
import { createLogger } from "../logger";
import { EventDecodeError, defineEvent, readEvent, skipUndecodable, wireType } from "./contract";

const happened = defineEvent({
  source: "things",
  name: "thing.happened",
  description: "A thing happened.",
  payload: z.strictObject({ thingId: z.string(), count: z.number().int() }),
  example: { thingId: "t1", count: 1 },
});

describe("event contracts", () => {
  it("version 1 travels under the bare name, so events written before versions existed are version 1", () => {
    expect([wireType("thing.happened", 1), wireType("thing.happened", 2)]).toEqual([
      "thing.happened",
      "thing.happened.v2",
    ]);
    expect(() => wireType("thing.happened", 0)).toThrow("positive integer");
  });

  it("create checks the payload before it reaches the outbox", () => {
    expect(happened.create("t1", { thingId: "t1", count: 2 })).toEqual({
      type: "thing.happened",
      aggregateId: "t1",
      payload: { thingId: "t1", count: 2 },
    });
    const unlisted = { thingId: "t1", count: 2, extra: true };
    expect(() => happened.create("t1", unlisted)).toThrow(/thing.happened payload does not match its contract/);
  });

  it("a reader decodes the fields it declares and names the event and the field when one is wrong", () => {
    const reader = readEvent({ source: "things", name: "thing.happened", payload: z.object({ count: z.number() }) });
    expect(reader.decode({ type: "thing.happened", payload: { thingId: "t1", count: 3 } })).toEqual({ count: 3 });
    const decode = () => reader.decode({ id: "e1", type: "thing.happened", source: "things", payload: { count: "3" } });
    expect(decode).toThrow(EventDecodeError);
    expect(decode).toThrow(
      /event e1 \(thing.happened from things\) does not match its contract:\n.*expected number.*\n.*at count/,
    );
    expect(() => reader.decode({ type: "thing.happened.v2", payload: { count: 3 } })).toThrow(
      "expected type thing.happened",
    );
  });

  it("skipUndecodable logs and drops an undecodable event, and lets every other failure through to be retried", async () => {
    const log = createLogger("contract-test");
    const error = jest.spyOn(log, "error").mockImplementation(() => undefined);
    const event = {
      id: "e1",
      type: "thing.happened",
      aggregateId: "t1",
      payload: { count: "3" },
      occurredAt: new Date(),
      source: "things",
    };
    const reader = readEvent({ source: "things", name: "thing.happened", payload: z.object({ count: z.number() }) });
    await expect(skipUndecodable(async (e) => void reader.decode(e), log)(event)).resolves.toBeUndefined();
    const logged = expect.objectContaining({ eventId: "e1", type: "thing.happened", source: "things" });
    expect(error).toHaveBeenCalledWith(logged, expect.stringContaining("skipping"));
    await expect(skipUndecodable(async () => Promise.reject(new Error("database down")), log)(event)).rejects.toThrow(
      "database down",
    );
  });
});
