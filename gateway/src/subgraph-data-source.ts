import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { GraphQLError } from "graphql";
import { CLIENT_IP_HEADER, GATEWAY_SECRET_HEADER, REQUEST_ID_HEADER } from "@pawgraph/subgraph-kit";
import type { GatewayContext } from "./context";

/**
 * Calls one subgraph over keep-alive HTTP (undici's pooled connections), forwarding the
 * caller's token, the request id, the client's address and the gateway secret. Subgraphs verify the token again.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly gatewaySecret: string,
  ) {
    // Node's built-in fetch (undici) pools keep-alive connections per origin and is markedly
    // faster than the default make-fetch-happen, whose HTTP-cache layer a gateway does not need.
    super({ url, fetcher: fetch as unknown as NonNullable<RemoteGraphQLDataSource["fetcher"]> });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    if (context?.authorization) headers.set("authorization", context.authorization);
    if (context?.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context?.clientIp) headers.set(CLIENT_IP_HEADER, context.clientIp);
    headers.set(GATEWAY_SECRET_HEADER, this.gatewaySecret);
  }

  /**
   * A subgraph answers non-2xx when it refuses a request before execution (a bad variable: 400).
   * Apollo Gateway's default turns that into "400: Bad Request" with the subgraph's URL and raw body
   * in `extensions.response`; this keeps only the subgraph's first error's message, code and field.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource["errorFromResponse"]>[0]): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response).catch(() => undefined);
    const first = (body as { errors?: { message?: unknown; extensions?: Record<string, unknown> }[] } | undefined)?.errors?.[0];
    const code = response.status === 401 ? "UNAUTHENTICATED" : response.status === 403 ? "FORBIDDEN" : undefined;
    if (typeof first?.message === "string") {
      const { code: theirs, field } = first.extensions ?? {};
      return new GraphQLError(first.message, {
        extensions: { code: typeof theirs === "string" ? theirs : (code ?? "INTERNAL_SERVER_ERROR"), ...(typeof field === "string" ? { field } : {}) },
      });
    }
    return new GraphQLError("Internal server error", { extensions: { code: code ?? "INTERNAL_SERVER_ERROR" } });
  }
}
