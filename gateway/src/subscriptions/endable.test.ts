import { GraphQLError, type ExecutionResult } from "graphql";
import { endable } from "./endable";

/** A source that yields what `push` hands it and records whether it was returned. */
function source() {
  const queue: ExecutionResult[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  const state = { returned: false };
  const iterable: AsyncIterable<ExecutionResult> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        while (!queue.length && !finished) await new Promise<void>((resolve) => (wake = resolve));
        const value = queue.shift();
        return value ? { done: false, value } : { done: true, value: undefined };
      },
      return: async () => {
        state.returned = true;
        finished = true;
        wake?.();
        return { done: true, value: undefined };
      },
    }),
  };
  return {
    iterable,
    state,
    push: (value: ExecutionResult) => (queue.push(value), wake?.()),
    finish: () => ((finished = true), wake?.()),
  };
}

/** Wraps `iterable`, keeping the `end` it registers and counting unregistrations. */
function wrap(iterable: AsyncIterable<ExecutionResult>) {
  const hooks: { end?: (error: GraphQLError) => void; unregistered: number } = { unregistered: 0 };
  const stream = endable(iterable, (end) => {
    hooks.end = end;
    return () => hooks.unregistered++;
  });
  return { stream, hooks };
}

describe("endable", () => {
  it("forwards every value and ends with its source, unregistering once", async () => {
    const { iterable, push, finish } = source();
    const { stream, hooks } = wrap(iterable);
    push({ data: { n: 1 } });
    push({ data: { n: 2 } });
    finish();
    const seen: unknown[] = [];
    for await (const result of stream) seen.push(result.data);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    expect(hooks.unregistered).toBe(1);
  });

  it("fails a waiting next() with the error it is ended with, and returns the source", async () => {
    const { iterable, state } = source();
    const { stream, hooks } = wrap(iterable);
    const waiting = stream.next();
    const error = new GraphQLError("expired", { extensions: { code: "UNAUTHENTICATED" } });
    hooks.end!(error);
    await expect(waiting).rejects.toBe(error);
    expect(state.returned).toBe(true);
    expect(hooks.unregistered).toBe(1);
  });

  it("fails the next next() when ended between events", async () => {
    const { iterable, push } = source();
    const { stream, hooks } = wrap(iterable);
    push({ data: { n: 1 } });
    expect((await stream.next()).value).toEqual({ data: { n: 1 } });
    const error = new GraphQLError("reloaded");
    hooks.end!(error);
    await expect(stream.next()).rejects.toBe(error);
  });

  it("when the client completes, returns the source; a later end() does nothing", async () => {
    const { iterable, state } = source();
    const { stream, hooks } = wrap(iterable);
    await stream.return!();
    expect(state.returned).toBe(true);
    hooks.end!(new GraphQLError("too late"));
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(hooks.unregistered).toBe(1);
  });
});
