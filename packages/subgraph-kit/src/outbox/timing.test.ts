import { Waiter } from "./timing";

/** Whether `promise` settles within `ms` (the waits below are 60 s long: ending early is the point). */
const settlesWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe("Waiter", () => {
  it("a wake ends a poll wait but not a back-off wait; recover ends both", async () => {
    const waiter = new Waiter();
    const poll = waiter.wait(60_000);
    waiter.wake();
    expect(await settlesWithin(poll, 100)).toBe(true);

    const backoff = waiter.wait(60_000, false);
    waiter.wake();
    expect(await settlesWithin(backoff, 100)).toBe(false);
    waiter.recover();
    expect(await settlesWithin(backoff, 100)).toBe(true);
  });

  it("remembers a recover that came while the loop was busy: the next wait, even a back-off, ends at once", async () => {
    const waiter = new Waiter();
    waiter.recover();
    expect(await settlesWithin(waiter.wait(60_000, false), 100)).toBe(true);
    // Once: the wait after it waits again.
    const next = waiter.wait(60_000, false);
    expect(await settlesWithin(next, 100)).toBe(false);
    waiter.cancel();
    await next;
  });
});
