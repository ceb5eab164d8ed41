import type { ExecutionResult, GraphQLError } from "graphql";

/**
 * Forwards `source` until it ends or `end(error)` is called, which fails the stream with that error
 * (graphql-ws then sends `error` for the operation) and returns the source (ending it upstream).
 * A plain iterator rather than a Repeater: it sits on every event of every subscription. It keeps
 * the pending `next()`'s reject instead of racing each `next()` against one long-lived "ended"
 * promise, which would gain a reaction per event for the life of the subscription.
 */
export function endable(
  source: AsyncIterable<ExecutionResult>,
  register: (end: (error: GraphQLError) => void) => () => void,
): AsyncIterableIterator<ExecutionResult> {
  const iterator = source[Symbol.asyncIterator]();
  let ended: GraphQLError | undefined;
  let finished = false;
  let failPending: ((error: GraphQLError) => void) | undefined;
  const finish = () => {
    if (finished) return;
    finished = true;
    unregister();
  };
  const unregister = register((error) => {
    if (finished) return;
    ended = error;
    finish();
    failPending?.(error);
    failPending = undefined;
    void iterator.return?.();
  });
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      if (ended) return Promise.reject(ended);
      if (finished) return Promise.resolve({ done: true, value: undefined });
      return new Promise<IteratorResult<ExecutionResult>>((resolve, reject) => {
        failPending = reject;
        iterator.next().then(
          (result) => {
            failPending = undefined;
            if (result.done) finish();
            resolve(result);
          },
          (error: unknown) => {
            failPending = undefined;
            finish();
            reject(error);
          },
        );
      });
    },
    async return() {
      finish();
      await iterator.return?.();
      return { done: true, value: undefined };
    },
  };
}
