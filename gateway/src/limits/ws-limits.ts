import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import type { DocumentCacheOptions } from "@pawgraph/subgraph-kit/src/edge";
import type { CostRateLimiter } from "./cost-rate-limiter";
import { DEFAULT_LIMITS, type LimitsConfig } from "./limits.config";
import { limitOf, rateLimitedError, tooComplexError } from "./limits.errors";
import { DEFAULT_COST_MODEL, operationCost, type CostModel } from "./query-cost";
import { executeWithDeadline } from "./request-deadline";
import { limitValidationRules } from "./validation.rules";

export interface WsLimitsOptions {
  config: LimitsConfig;
  limiter: CostRateLimiter;
  costModel?: CostModel;
}

/** Close code and reason for a socket over the per-user cap: 1008 (policy violation), which graphql-ws clients do not retry. */
const TOO_MANY_SOCKETS_CODE = 1008;

/**
 * The front-door limits as the WebSocket server applies them, the same as over HTTP: the message
 * size (`maxPayload`: a larger frame closes the socket with 1009), open sockets per user, the token,
 * depth, alias and directive limits where documents are parsed and validated, then per operation the
 * cost and the rate limits, and a deadline on queries and mutations.
 */
export function wsLimits(options: WsLimitsOptions | undefined) {
  const config = options?.config ?? { ...DEFAULT_LIMITS, enabled: false };
  const on = config.enabled && options !== undefined;
  const model = options?.costModel ?? DEFAULT_COST_MODEL;
  const socketsByUser = new Map<string, number>();
  const documentCacheOptions: DocumentCacheOptions = on
    ? { parseOptions: { maxTokens: config.maxTokens }, extraRules: limitValidationRules(config) }
    : {};
  return {
    maxPayload: config.maxWsPayloadBytes,
    documentCacheOptions,
    tooManySockets: {
      code: TOO_MANY_SOCKETS_CODE,
      reason: `Too many open connections: at most ${config.maxSocketsPerUser} per user`,
    },

    /** Counts a new socket for `userId`; false when the user already holds the most allowed. */
    admitSocket(userId: string): boolean {
      const open = socketsByUser.get(userId) ?? 0;
      if (on && open >= config.maxSocketsPerUser) return false;
      socketsByUser.set(userId, open + 1);
      return true;
    },

    releaseSocket(userId: string): void {
      const open = (socketsByUser.get(userId) ?? 1) - 1;
      if (open > 0) socketsByUser.set(userId, open);
      else socketsByUser.delete(userId);
    },

    /** A parse or validation error from one of the limits, as the QUERY_TOO_COMPLEX error the client gets. */
    refusalOf(error: unknown): GraphQLError | undefined {
      if (!(error instanceof GraphQLError)) return undefined;
      const limit = limitOf(error);
      return limit ? tooComplexError(limit.limit, limit.max, limit.found, "ws") : undefined;
    },

    /** The cost and rate limits for one valid operation: the refusal, or undefined to run it. */
    async admitOperation(operation: {
      schema: GraphQLSchema;
      document: DocumentNode;
      operationName?: string | null;
      variables?: Record<string, unknown> | null;
      viewerId?: string;
      /** The socket's client address, as taken at the upgrade (client-ip.ts). */
      clientIp?: string;
    }): Promise<GraphQLError | undefined> {
      if (!on || !options) return undefined;
      const cost = operationCost(
        operation.schema,
        operation.document,
        operation.operationName,
        operation.variables,
        model,
      );
      if (cost > config.maxCost) return tooComplexError("cost", config.maxCost, cost, "ws");
      const decision = await options.limiter.consume(operation.viewerId, operation.clientIp, cost);
      return decision.allowed ? undefined : rateLimitedError(decision.retryAfterSeconds, decision.scope, "ws");
    },

    execute<T extends ExecutionResult>(result: T | PromiseLike<T>): T | Promise<T> {
      return on ? executeWithDeadline(result, config.requestTimeoutMs) : (result as T | Promise<T>);
    },
  };
}
