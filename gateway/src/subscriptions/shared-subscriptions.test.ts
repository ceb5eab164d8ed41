import { buildSchema, GraphQLError, parse, type ExecutionArgs, type ExecutionResult } from "graphql";
import { SharedSubscriptions, SUBSCRIPTION_TOO_SLOW } from "./shared-subscriptions";

const schema = buildSchema("type Query { a: Int } type Subscription { ticks(id: ID!): Int }");
const document = parse("subscription($id: ID!) { ticks(id: $id) }");

/** What `run` was asked to execute, and a way to feed each execution's stream. */
function executions() {
  const started: { args: ExecutionArgs; push: (n: number) => void; fail: (e: Error) => void; returned: boolean }[] = [];
  const run = (args: ExecutionArgs): AsyncIterable<ExecutionResult> => {
    const queue: ExecutionResult[] = [];
    let wake: (() => void) | undefined;
    let failure: Error | undefined;
    const entry = {
      args,
      returned: false,
      push: (n: number) => (queue.push({ data: { ticks: n } }), wake?.()),
      fail: (e: Error) => ((failure = e), wake?.()),
    };
    started.push(entry);
    return {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          while (!queue.length && !failure && !entry.returned) await new Promise<void>((resolve) => (wake = resolve));
          if (failure) throw failure;
          const value = queue.shift();
          return value ? { done: false, value } : { done: true, value: undefined };
        },
        return: async () => {
          entry.returned = true;
          wake?.();
          return { done: true, value: undefined };
        },
      }),
    };
  };
  return { started, run };
}

const args = (authorization: string | undefined, id = "c1"): ExecutionArgs => ({
  schema,
  document,
  variableValues: { id },
  contextValue: { authorization },
});

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function stream(shared: SharedSubscriptions, a: ExecutionArgs) {
  return (await shared.subscribe(a)) as AsyncIterableIterator<ExecutionResult>;
}

describe("SharedSubscriptions", () => {
  it("runs one execution per token, document and variables, and gives each event to every member", async () => {
    const { started, run } = executions();
    const shared = new SharedSubscriptions(run, JSON.stringify);
    const [a1, a2, b, other] = await Promise.all([
      stream(shared, args("Bearer a")),
      stream(shared, args("Bearer a")),
      stream(shared, args("Bearer b")),
      stream(shared, args("Bearer a", "c2")),
    ]);
    expect(started).toHaveLength(3);
    expect(shared.stats).toEqual({ groups: 3, subscribers: 4 });
    started[0]!.push(1);
    started[1]!.push(2);
    expect((await a1!.next()).value).toEqual({ data: { ticks: 1 } });
    expect((await a2!.next()).value).toEqual({ data: { ticks: 1 } });
    expect((await b!.next()).value).toEqual({ data: { ticks: 2 } });
    await a1!.return!();
    await a2!.return!();
    await tick();
    expect(started[0]!.returned).toBe(true);
    expect(started[1]!.returned).toBe(false);
    await b!.return!();
    await other!.return!();
    expect(shared.stats).toEqual({ groups: 0, subscribers: 0 });
  });

  it("never groups subscriptions without a token", async () => {
    const { started, run } = executions();
    const shared = new SharedSubscriptions(run, JSON.stringify);
    await Promise.all([stream(shared, args(undefined)), stream(shared, args(undefined))]);
    expect(started).toHaveLength(2);
  });

  it("a refusal reaches everyone who joined before it came, and the next subscriber starts afresh", async () => {
    let runs = 0;
    const refusal: ExecutionResult = { errors: [new GraphQLError("no", { extensions: { code: "NOT_FOUND" } })] };
    const shared = new SharedSubscriptions(() => (runs++, refusal), JSON.stringify);
    const [one, two] = await Promise.all([shared.subscribe(args("Bearer a")), shared.subscribe(args("Bearer a"))]);
    expect(one).toBe(refusal);
    expect(two).toBe(refusal);
    await shared.subscribe(args("Bearer a"));
    expect(runs).toBe(2);
  });

  it("a failing stream fails every member with its error and is gone", async () => {
    const { started, run } = executions();
    const shared = new SharedSubscriptions(run, JSON.stringify);
    const [one, two] = await Promise.all([stream(shared, args("Bearer a")), stream(shared, args("Bearer a"))]);
    started[0]!.fail(new Error("upstream gone"));
    await expect(one!.next()).rejects.toThrow("upstream gone");
    await expect(two!.next()).rejects.toThrow("upstream gone");
    expect(shared.stats).toEqual({ groups: 0, subscribers: 0 });
  });

  it("sends directly to a member waiting with nothing queued, serialised once per event", async () => {
    const { started, run } = executions();
    let serialised = 0;
    const shared = new SharedSubscriptions(run, (result) => (serialised++, JSON.stringify(result)));
    const [one, two] = await Promise.all([stream(shared, args("Bearer a")), stream(shared, args("Bearer a"))]);
    const sent: string[][] = [[], []];
    shared.sendDirectly(one, (json) => (sent[0]!.push(json), true));
    shared.sendDirectly(two, (json) => (sent[1]!.push(json), true));
    // Neither waits in next() yet: the first event is queued for both.
    started[0]!.push(1);
    await tick();
    expect((await one!.next()).value).toEqual({ data: { ticks: 1 } });
    expect((await two!.next()).value).toEqual({ data: { ticks: 1 } });
    const waiting = [one!.next(), two!.next()];
    started[0]!.push(2);
    started[0]!.push(3);
    await tick();
    expect(sent).toEqual([
      ['{"data":{"ticks":2}}', '{"data":{"ticks":3}}'],
      ['{"data":{"ticks":2}}', '{"data":{"ticks":3}}'],
    ]);
    expect(serialised).toBe(2);
    await one!.return!();
    await two!.return!();
    expect(await Promise.all(waiting)).toEqual([
      { done: true, value: undefined },
      { done: true, value: undefined },
    ]);
  });

  it("ends a member that falls 1,000 events behind, and only that one", async () => {
    const { started, run } = executions();
    const shared = new SharedSubscriptions(run, JSON.stringify);
    const [slow, quick] = await Promise.all([stream(shared, args("Bearer a")), stream(shared, args("Bearer a"))]);
    shared.sendDirectly(quick, () => true);
    const quickNext = quick!.next();
    for (let n = 0; n <= 1_000; n++) started[0]!.push(n);
    await tick();
    await expect(slow!.next()).rejects.toMatchObject({ extensions: { code: SUBSCRIPTION_TOO_SLOW } });
    expect(shared.stats).toEqual({ groups: 1, subscribers: 1 });
    await quick!.return!();
    await quickNext;
  });
});
