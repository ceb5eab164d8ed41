import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { GATEWAY_SECRET_HEADER, REQUEST_ID_HEADER } from "@pawgraph/subgraph-kit";
import type { GatewayContext } from "./context";

/**
 * Calls one subgraph over keep-alive HTTP (undici's pooled connections), forwarding the
 * caller's token, the request id and the gateway secret. Subgraphs verify the token again.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly gatewaySecret: string | undefined,
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
    if (this.gatewaySecret) headers.set(GATEWAY_SECRET_HEADER, this.gatewaySecret);
  }
}
