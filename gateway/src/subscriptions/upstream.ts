import { createClient, type Client } from "graphql-ws";
import { GraphQLError, print, type DocumentNode, type ExecutionResult } from "graphql";
import WebSocket from "ws";
import type { Logger } from "pino";
import type { UpstreamConnectionParams, UpstreamOperationExtensions } from "@pawgraph/subgraph-kit";
import type { GatewayContext } from "../context";

/** What the stitched schema hands an executor (a subset of @graphql-tools' ExecutionRequest). */
export interface UpstreamRequest {
  document: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string;
  context?: GatewayContext;
}

/** Error code a client sees when the subgraph behind its subscription went away: subscribe again. */
export const SUBSCRIPTION_INTERRUPTED = "SUBSCRIPTION_INTERRUPTED";

function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, "ws");
}

/**
 * One graphql-ws connection per subgraph, shared by every client's subscriptions to it (multiplexed
 * by operation id). The gateway secret goes in `connection_init`; each operation carries its own
 * viewer in `extensions.pawgraph`. The socket opens on the first subscription and closes a moment
 * after the last one ends.
 */
export class UpstreamSockets {
  private readonly clients = new Map<string, Client>();

  constructor(
    private readonly gatewaySecret: string | undefined,
    private readonly log: Logger,
  ) {}

  /** Subscribes on the subgraph; a lost upstream socket ends the stream with SUBSCRIPTION_INTERRUPTED. */
  subscribe(subgraph: string, httpUrl: string, request: UpstreamRequest): AsyncIterable<ExecutionResult> {
    const client = this.client(subgraph, httpUrl);
    const extensions: UpstreamOperationExtensions = {
      pawgraph: { authorization: request.context?.authorization, requestId: request.context?.requestId },
    };
    const upstream = client.iterate<Record<string, unknown>, Record<string, unknown>>({
      query: print(request.document),
      variables: request.variables,
      operationName: request.operationName,
      extensions: extensions as Record<string, unknown>,
    });
    const log = this.log;
    return {
      [Symbol.asyncIterator]: () => {
        const iterator = upstream[Symbol.asyncIterator]();
        return {
          next: async () => {
            try {
              return (await iterator.next()) as IteratorResult<ExecutionResult>;
            } catch (error) {
              if (Array.isArray(error) && error.length) {
                // The subgraph refused the operation (graphql-ws `error` message): pass its first error on.
                const first = error[0] as { message?: string; extensions?: Record<string, unknown> };
                throw new GraphQLError(first.message ?? "Subscription failed", { extensions: first.extensions });
              }
              log.warn({ subgraph, reason: describe(error) }, "upstream subscription interrupted");
              throw new GraphQLError(`The ${subgraph} service restarted or could not be reached; subscribe again.`, {
                extensions: { code: SUBSCRIPTION_INTERRUPTED, service: subgraph },
              });
            }
          },
          return: async () => {
            await iterator.return?.();
            return { done: true, value: undefined };
          },
        };
      },
    };
  }

  /** How many upstream sockets are open or opening (one per subgraph at most). */
  get size(): number {
    return this.clients.size;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.dispose()));
    this.clients.clear();
  }

  private client(subgraph: string, httpUrl: string): Client {
    const key = `${subgraph} ${httpUrl}`;
    let client = this.clients.get(key);
    if (client) return client;
    const connectionParams: UpstreamConnectionParams = { gatewaySecret: this.gatewaySecret };
    client = createClient({
      url: wsUrl(httpUrl),
      webSocketImpl: WebSocket,
      connectionParams: connectionParams as Record<string, unknown>,
      lazy: true,
      lazyCloseTimeout: 5_000,
      // A dropped socket fails its subscriptions at once (clients are told and resubscribe) rather
      // than reconnecting behind their backs and silently missing what happened in between.
      retryAttempts: 0,
      keepAlive: 15_000,
      on: {
        connected: () => this.log.debug({ subgraph }, "upstream WebSocket connected"),
        closed: (event) => this.log.debug({ subgraph, code: (event as { code?: number }).code }, "upstream WebSocket closed"),
      },
    });
    this.clients.set(key, client);
    return client;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const close = error as { code?: number; reason?: string };
  return typeof close?.code === "number" ? `closed ${close.code} ${close.reason ?? ""}`.trim() : String(error);
}
