import { getStitchedSchemaFromSupergraphSdl } from "@graphql-tools/federation";
import { OperationTypeNode, type GraphQLSchema } from "graphql";
import {
  CLIENT_IP_HEADER,
  GATEWAY_SECRET_HEADER,
  REQUEST_ID_HEADER,
  type Logger,
} from "@pawgraph/subgraph-kit/src/edge";
import type { GatewayContext } from "../context";
import type { SubgraphGuards } from "../subgraph-guard";
import type { FetchRecorder } from "../observability/gateway-metrics";
import { guardedHttpExecutor } from "./guarded-executor";
import type { UpstreamRequest, UpstreamSockets } from "./upstream";

/**
 * The schema WebSocket operations run on: the same supergraph, executed by @graphql-tools/federation
 * (docs/decisions/0012). A subscription's root field goes to its subgraph over the shared upstream
 * socket; the payload's fields owned by other subgraphs are fetched over HTTP as entity queries,
 * with the subscriber's token, exactly as the HTTP gateway would, through the same per-subgraph
 * guards (docs/decisions/0025).
 */
export function buildSubscriptionSchema(options: {
  supergraphSdl: string;
  /** Routing URL per subgraph name (lower case, as in supergraph.yaml). */
  routing: Record<string, string>;
  gatewaySecret: string;
  upstream: UpstreamSockets;
  /** The HTTP gateway's guards: timeout, breaker and in-flight cap per subgraph, shared by both paths. */
  guards: SubgraphGuards;
  log: Logger;
  /** Counts subgraph fetches in `/metrics` (when metrics are on). */
  recordFetch?: FetchRecorder;
}): GraphQLSchema {
  const urlOf = (name: string, fallback: string) => options.routing[name.toLowerCase()] ?? fallback;
  return getStitchedSchemaFromSupergraphSdl({
    supergraphSdl: options.supergraphSdl,
    // Fields of several entities in one event are fetched in one request per subgraph.
    batch: true,
    onSubschemaConfig: (config) => {
      const url = urlOf(config.name, config.endpoint);
      const http = guardedHttpExecutor({
        url,
        guard: options.guards.for(config.name.toLowerCase()),
        log: options.log,
        recordFetch: options.recordFetch,
        headers: (request) => {
          const context = request?.context as GatewayContext | undefined;
          return {
            ...(context?.authorization ? { authorization: context.authorization } : {}),
            ...(context?.requestId ? { [REQUEST_ID_HEADER]: context.requestId } : {}),
            ...(context?.clientIp ? { [CLIENT_IP_HEADER]: context.clientIp } : {}),
            [GATEWAY_SECRET_HEADER]: options.gatewaySecret,
          };
        },
      });
      config.executor = ((request: UpstreamRequest & { operationType?: OperationTypeNode }) =>
        request.operationType === OperationTypeNode.SUBSCRIPTION
          ? options.upstream.subscribe(config.name.toLowerCase(), url, request)
          : http(request)) as typeof config.executor;
    },
  });
}
