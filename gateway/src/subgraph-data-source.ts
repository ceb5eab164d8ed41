import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { GraphQLError, parse } from "graphql";
import {
  CART_TOKEN_HEADER,
  CLIENT_IP_HEADER,
  GATEWAY_SECRET_HEADER,
  REQUEST_ID_HEADER,
  traceSubgraphCall,
  type Logger,
} from "@pawgraph/subgraph-kit/src/edge";
import type { GatewayContext } from "./context";
import type { FetchRecorder } from "./observability/gateway-metrics";
import { propagateTrace } from "./observability/tracing";
import { failureErrors, SubgraphFailure } from "./subgraph-failure";
import type { SubgraphGuard } from "./subgraph-guard";

type GatewayResponse = Awaited<ReturnType<RemoteGraphQLDataSource["process"]>>;

/**
 * Calls one subgraph over its guard's keep-alive pool (undici), forwarding the caller's token, the
 * request id, the client's address and the gateway secret. Subgraphs verify the token again.
 * A fetch that gets no answer (down, frozen, breaker open, too many in flight) is answered with
 * coded errors at the fields it was for, so the rest of the response stands (docs/decisions/0025).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly gatewaySecret: string,
    private readonly guard: SubgraphGuard,
    private readonly log: Logger,
    private readonly recordFetch?: FetchRecorder,
  ) {
    // undici's request(): the gateway's hot path, markedly cheaper than fetch (docs/decisions/0025),
    // and make-fetch-happen's HTTP-cache layer (Apollo's default) is nothing a gateway needs.
    // Identical anonymous queries in flight at once are sent once (docs/decisions/0053).
    const fetcher = guard.settings.dedupFetches ? guard.sharedFetcher : guard.fetcher;
    super({ url, fetcher: fetcher as unknown as NonNullable<RemoteGraphQLDataSource["fetcher"]> });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    context?.subgraphsAsked?.add(this.guard.name);
    const headers = request.http?.headers;
    if (!headers) return;
    if (context?.authorization) headers.set("authorization", context.authorization);
    if (context?.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context?.clientIp) headers.set(CLIENT_IP_HEADER, context.clientIp);
    if (context?.cartToken) headers.set(CART_TOKEN_HEADER, context.cartToken);
    headers.set(GATEWAY_SECRET_HEADER, this.gatewaySecret);
    propagateTrace(headers);
  }

  /**
   * Instead of throwing (Apollo Gateway would answer one error with no path, "fetch failed"), a
   * fetch that got no answer returns `data: null` and one error per field it was for, with paths
   * as the subgraph itself would give them: the gateway maps them onto the client's response.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayResponse> {
    const started = performance.now();
    try {
      // The fetch's span, around the guard: time queued for a slot and a breaker's refusal show in the trace.
      const response = await traceSubgraphCall(this.guard.name, options.request.operationName, () =>
        this.guard.run(() => super.process(options)),
      );
      this.recordFetch?.(this.guard.name, started, response.errors?.length ? "errors" : "ok");
      return response;
    } catch (error) {
      this.recordFetch?.(this.guard.name, started, error instanceof SubgraphFailure ? error.kind : "error");
      if (!(error instanceof SubgraphFailure)) throw error;
      const { kind, reason } = error;
      // "circuit open" is every request while it lasts: the breaker's own open/close lines say it once.
      if (reason !== "circuit open")
        this.log.warn(
          { subgraph: this.guard.name, kind, reason, requestId: options.context?.requestId },
          "subgraph fetch failed",
        );
      const document = ("document" in options ? options.document : undefined) ?? parse(options.request.query!);
      const representations = options.request.variables?.representations as unknown[] | undefined;
      return {
        data: null,
        errors: failureErrors({
          kind,
          service: this.guard.name,
          timeoutMs: this.guard.settings.timeoutMs,
          document,
          representations: Array.isArray(representations) ? representations : undefined,
        }),
      };
    }
  }

  /**
   * A subgraph answers non-2xx when it refuses a request before execution (a bad variable: 400).
   * Apollo Gateway's default turns that into "400: Bad Request" with the subgraph's URL and raw body
   * in `extensions.response`; this keeps only the subgraph's first error's message, code and field.
   * 502-504 come from a proxy in front of a subgraph that is not there: no answer, as if unreachable.
   */
  override async errorFromResponse(
    response: Parameters<RemoteGraphQLDataSource["errorFromResponse"]>[0],
  ): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response).catch(() => undefined);
    if (response.status >= 502 && response.status <= 504)
      throw new SubgraphFailure("unavailable", `HTTP ${response.status}`);
    const first = (body as { errors?: { message?: unknown; extensions?: Record<string, unknown> }[] } | undefined)
      ?.errors?.[0];
    const code = response.status === 401 ? "UNAUTHENTICATED" : response.status === 403 ? "FORBIDDEN" : undefined;
    if (typeof first?.message === "string") {
      const { code: theirs, field } = first.extensions ?? {};
      return new GraphQLError(first.message, {
        extensions: {
          code: typeof theirs === "string" ? theirs : (code ?? "INTERNAL_SERVER_ERROR"),
          ...(typeof field === "string" ? { field } : {}),
        },
      });
    }
    return new GraphQLError("Internal server error", { extensions: { code: code ?? "INTERNAL_SERVER_ERROR" } });
  }
}
