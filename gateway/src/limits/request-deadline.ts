import type { ApolloServerOptionsWithGateway, BaseContext } from "@apollo/server";
import type { ExecutionResult } from "graphql";
import { timeoutError } from "./limits.errors";

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>["gateway"];

/** `work`, or what `onTimeout` makes when it has not settled within `timeoutMs`; the timer never outlives it. */
export function raceDeadline<T>(work: PromiseLike<T>, timeoutMs: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), timeoutMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The gateway as Apollo Server sees it, with a deadline on every operation: past `timeoutMs` the
 * client gets GATEWAY_TIMEOUT (HTTP 504) and its connection is free. Subgraph calls still in flight
 * finish in the background: @apollo/gateway hands its fetcher no per-request signal to cut them
 * with, and a timer per fetch (AbortSignal.timeout) cost more than the rest of the limits together.
 */
export function withDeadline(gateway: GatewayInterface, timeoutMs: number): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    load: async (options) => {
      const loaded = await gateway.load(options);
      const execute = loaded.executor;
      if (!execute) return loaded;
      return {
        ...loaded,
        executor: (requestContext) =>
          raceDeadline(execute(requestContext), timeoutMs, () => ({ errors: [timeoutError(timeoutMs, "http")] })),
      };
    },
  };
}

/** The same deadline for queries and mutations over WebSocket (subscriptions live on; they are not requests). */
export function executeWithDeadline<T extends ExecutionResult>(
  result: T | PromiseLike<T>,
  timeoutMs: number,
): T | Promise<T> {
  if (!isPromiseLike(result)) return result;
  return raceDeadline(result, timeoutMs, () => ({ errors: [timeoutError(timeoutMs, "ws")] }) as unknown as T);
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | null)?.then === "function";
}
