import { createClient, type Client } from "graphql-ws";
import { GraphQLError, print, type DocumentNode, type ExecutionResult } from "graphql";
import WebSocket from "ws";
import type { Logger } from "pino";
import type { UpstreamConnectionParams, UpstreamOperationExtensions } from "@pawgraph/subgraph-kit/src/edge";
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

/** How long an upstream socket stays open after its last subscription ended, for the next one. */
const IDLE_CLOSE_MS = 5_000;

/** One subgraph's shared socket and how many subscriptions use it. */
interface Upstream {
  key: string;
  client: Client;
  active: number;
  idle?: NodeJS.Timeout;
}

/**
 * One graphql-ws connection per subgraph, shared by every client's subscriptions to it (multiplexed
 * by operation id). The gateway secret goes in `connection_init`; each operation carries its own
 * viewer in `extensions.pawgraph`. The socket opens with the first subscription and closes 5 s after
 * the last one ended. (That delay is ours, on an unref'd timer: graphql-ws's own lazy-close timer
 * survives `dispose()` and held a stopping gateway's process open for 5 s.) A socket that closes is
 * forgotten at once; the next subscription opens a new one.
 */
export class UpstreamSockets {
  private readonly upstreams = new Map<string, Upstream>();

  constructor(
    private readonly gatewaySecret: string,
    private readonly log: Logger,
  ) {}

  /** Subscribes on the subgraph; a lost upstream socket ends the stream with SUBSCRIPTION_INTERRUPTED. */
  subscribe(subgraph: string, httpUrl: string, request: UpstreamRequest): AsyncIterable<ExecutionResult> {
    const extensions: UpstreamOperationExtensions = {
      pawgraph: {
        authorization: request.context?.authorization,
        requestId: request.context?.requestId,
        clientIp: request.context?.clientIp,
      },
    };
    const payload = {
      query: print(request.document),
      variables: request.variables,
      operationName: request.operationName,
      extensions: extensions as Record<string, unknown>,
    };
    const log = this.log;
    return {
      [Symbol.asyncIterator]: () => {
        const upstream = this.acquire(subgraph, httpUrl);
        const iterator = upstream.client
          .iterate<Record<string, unknown>, Record<string, unknown>>(payload)
          [Symbol.asyncIterator]();
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          this.release(upstream);
        };
        return {
          next: async () => {
            try {
              const result = (await iterator.next()) as IteratorResult<ExecutionResult>;
              if (result.done) release();
              return result;
            } catch (error) {
              release();
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
            release();
            await iterator.return?.();
            return { done: true, value: undefined };
          },
        };
      },
    };
  }

  /** How many upstream sockets are open or opening (one per subgraph at most). */
  get size(): number {
    return this.upstreams.size;
  }

  async close(): Promise<void> {
    const all = [...this.upstreams.values()];
    this.upstreams.clear();
    for (const upstream of all) clearTimeout(upstream.idle);
    await Promise.all(all.map((upstream) => upstream.client.dispose()));
  }

  private acquire(subgraph: string, httpUrl: string): Upstream {
    const key = `${subgraph} ${httpUrl}`;
    const upstream = this.upstreams.get(key) ?? this.open(key, subgraph, httpUrl);
    upstream.active++;
    clearTimeout(upstream.idle);
    upstream.idle = undefined;
    return upstream;
  }

  private release(upstream: Upstream): void {
    upstream.active--;
    if (upstream.active > 0 || this.upstreams.get(upstream.key) !== upstream) return;
    // acquire() clears this timer, so when it fires nothing uses the socket.
    upstream.idle = setTimeout(() => {
      this.forget(upstream);
      void upstream.client.dispose();
    }, IDLE_CLOSE_MS);
    upstream.idle.unref();
  }

  private forget(upstream: Upstream): void {
    clearTimeout(upstream.idle);
    if (this.upstreams.get(upstream.key) === upstream) this.upstreams.delete(upstream.key);
  }

  private open(key: string, subgraph: string, httpUrl: string): Upstream {
    const connectionParams: UpstreamConnectionParams = { gatewaySecret: this.gatewaySecret };
    const client: Client = createClient({
      url: wsUrl(httpUrl),
      webSocketImpl: WebSocket,
      connectionParams: connectionParams as Record<string, unknown>,
      // Connected now and kept until we dispose it (see the class comment for why not graphql-ws's lazy mode).
      lazy: false,
      onNonLazyError: () => undefined, // the subscriptions on it are told (SUBSCRIPTION_INTERRUPTED)
      // A dropped socket fails its subscriptions at once (clients are told and resubscribe) rather
      // than reconnecting behind their backs and silently missing what happened in between.
      retryAttempts: 0,
      keepAlive: 15_000,
      on: {
        connected: () => this.log.debug({ subgraph }, "upstream WebSocket connected"),
        closed: (event) => {
          const current = this.upstreams.get(key);
          if (current?.client === client) this.forget(current);
          this.log.debug({ subgraph, code: (event as { code?: number }).code }, "upstream WebSocket closed");
        },
      },
    });
    const upstream: Upstream = { key, client, active: 0 };
    this.upstreams.set(key, upstream);
    return upstream;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const close = error as { code?: number; reason?: string };
  return typeof close?.code === "number" ? `closed ${close.code} ${close.reason ?? ""}`.trim() : String(error);
}
