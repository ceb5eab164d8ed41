import { randomUUID } from "node:crypto";
import { envInt } from "./config";
import { REQUEST_ID_HEADER, type BaseContext } from "./context";
import { GATEWAY_SECRET_HEADER } from "./gateway-secret";
import { traceHeaders, traceSubgraphCall } from "./observability/tracing-http";

/**
 * Longest one call from a Pawgraph process to a subgraph may wait for its answer (env
 * `SUBGRAPH_TIMEOUT_MS`, default 5 s): the gateway's fetches and subgraph-to-subgraph calls alike
 * (docs/decisions/0025). Read when a client is made.
 */
export function subgraphTimeoutMs(): number {
  const value = envInt("SUBGRAPH_TIMEOUT_MS", 5_000);
  if (value <= 0) throw new Error(`SUBGRAPH_TIMEOUT_MS must be positive, got ${value}`);
  return value;
}

/** Codes with which another subgraph (or a gateway in between) says it cannot serve right now. */
const UNAVAILABLE_CODES = new Set([
  "SERVICE_UNAVAILABLE",
  "SUBGRAPH_UNAVAILABLE",
  "SUBGRAPH_TIMEOUT",
  "GATEWAY_TIMEOUT",
]);

/**
 * Thrown when another subgraph cannot be reached or answers with errors. The error formatter answers
 * SERVICE_UNAVAILABLE when `unavailable` (unreachable, timed out, HTTP 502-504, or every error it
 * answered was itself an unavailability) and masks it as an internal error otherwise.
 */
export class SubgraphCallError extends Error {
  /** Retrying later may succeed: the other side is down or its own dependencies are (read by `isUnavailableError`). */
  readonly unavailable: boolean;

  constructor(
    readonly subgraph: string,
    message: string,
    /** The `extensions.code` of each error the other subgraph answered with (empty when it was unreachable). */
    readonly codes: string[] = [],
    /** The HTTP status it answered with (undefined when it was unreachable or timed out). */
    readonly status?: number,
  ) {
    super(`${subgraph}: ${message}`);
    this.name = "SubgraphCallError";
    this.unavailable =
      status === undefined ||
      (status >= 502 && status <= 504) ||
      (codes.length > 0 && codes.every((code) => UNAVAILABLE_CODES.has(code)));
  }
}

/**
 * Where another subgraph listens: a URL, or a function read at each call where the address is known
 * only once that subgraph listens (test stacks start every process on port 0, and bookings, identity
 * and pets ask each other, so one of them must start before the others' ports are known).
 */
export type SubgraphUrl = string | (() => string);

/**
 * Calls another subgraph's GraphQL endpoint on the viewer's behalf: it forwards the viewer's token
 * (so the other side applies its own rules), the request id and the gateway secret. Used sparingly,
 * where one subgraph must ask the owner of some data a yes/no question (who may see this pet?).
 */
export class SubgraphClient {
  constructor(
    readonly name: string,
    private readonly url: SubgraphUrl,
    /** Proves this caller is one of Pawgraph's services (`x-gateway-secret`). */
    private readonly gatewaySecret: string,
    private readonly timeoutMs = subgraphTimeoutMs(),
  ) {}

  async query<T>(
    ctx: Pick<BaseContext, "requestId" | "authorization">,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<T> {
    const headers: Record<string, string> = { "content-type": "application/json", [REQUEST_ID_HEADER]: ctx.requestId };
    if (ctx.authorization) headers.authorization = ctx.authorization;
    headers[GATEWAY_SECRET_HEADER] = this.gatewaySecret;
    let response: Response;
    try {
      response = await traceSubgraphCall(this.name, undefined, () =>
        fetch(typeof this.url === "string" ? this.url : this.url(), {
          method: "POST",
          headers: { ...headers, ...traceHeaders() },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(this.timeoutMs),
        }),
      );
    } catch (error) {
      const timedOut = (error as Error).name === "TimeoutError";
      throw new SubgraphCallError(
        this.name,
        timedOut ? `no answer within ${this.timeoutMs} ms` : `unreachable (${(error as Error).message})`,
      );
    }
    const body = (await response.json().catch(() => null)) as {
      data?: T;
      errors?: { message: string; extensions?: { code?: unknown } }[];
    } | null;
    if (!body?.data || body.errors?.length) {
      const codes = (body?.errors ?? [])
        .map((e) => e.extensions?.code)
        .filter((code): code is string => typeof code === "string");
      throw new SubgraphCallError(
        this.name,
        `HTTP ${response.status}: ${body?.errors?.map((e) => e.message).join("; ") ?? "no data"}`,
        codes,
        response.status,
      );
    }
    return body.data;
  }

  /**
   * A call made for no viewer (an event consumer, a background job) to one of the other subgraph's
   * internal fields (the kit's `@Internal()`), which the gateway never serves; the gateway secret guards them.
   */
  serviceQuery<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    return this.query<T>({ requestId: randomUUID() }, query, variables);
  }
}
