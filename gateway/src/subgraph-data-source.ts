import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { GATEWAY_SECRET_HEADER, REQUEST_ID_HEADER } from "@pawgraph/subgraph-kit";
import type { GatewayContext } from "./context";

/**
 * Calls one subgraph over keep-alive HTTP (make-fetch-happen's pooled agent), forwarding the
 * caller's token, the request id and the gateway secret. Subgraphs verify the token again.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly gatewaySecret: string | undefined,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    if (context?.authorization) headers.set("authorization", context.authorization);
    if (context?.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if (this.gatewaySecret) headers.set(GATEWAY_SECRET_HEADER, this.gatewaySecret);
  }
}
