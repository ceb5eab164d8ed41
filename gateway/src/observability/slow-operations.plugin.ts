import type { QueryPlan } from "@apollo/query-planner";
import { prettyFormatQueryPlan } from "@apollo/query-planner";
import type { ApolloServerPlugin } from "@apollo/server";
import type { Logger } from "@pawgraph/subgraph-kit/src/edge";
import type { GatewayContext } from "../context";

/** The plan each request ran, keyed by its context object, filled by ApolloGateway's `experimental_didResolveQueryPlan`. */
export type QueryPlans = WeakMap<object, QueryPlan>;

/**
 * Logs an operation that took `thresholdMs` or longer, with its query plan: which subgraphs it asked,
 * in what order and with what selections, which is what explains most slow federated operations
 * (a sequence where a parallel fetch was expected, an `_entities` fetch of thousands of keys).
 */
export function slowOperationsPlugin(
  thresholdMs: number,
  plans: QueryPlans,
  log: Logger,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue, operationName, request }) {
          const durationMs = Math.round(performance.now() - started);
          if (durationMs < thresholdMs) return;
          const plan = plans.get(contextValue);
          log.warn(
            {
              operation: operationName ?? request.operationName ?? null,
              durationMs,
              requestId: contextValue.requestId,
              queryPlan: plan ? prettyFormatQueryPlan(plan) : null,
            },
            "slow operation",
          );
        },
      };
    },
  };
}
