import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { CART_TOKEN_HEADER, cartTokenOf, REQUEST_ID_HEADER, type Viewer } from "@pawgraph/subgraph-kit/src/edge";
import type { ApiKeyUsageRecorder } from "./api-keys/api-key-usage";
import type { RequestAuthenticator } from "./authentication";
import { clientIpOf, type TrustFunction } from "./client-ip";

/** What the gateway knows about one request. */
export interface GatewayContext {
  viewer: Viewer | null;
  /** The verified `Authorization` header, forwarded as is; for an API key, the access token minted for it. */
  authorization?: string;
  /** The API key the request came with (docs/decisions/0046): its scopes decide which root fields run. */
  apiKey?: { id: string; scopes: string[] };
  requestId: string;
  /** The end client's address (behind trusted proxies, from `X-Forwarded-For`): sent to subgraphs for per-IP sign-in limits, and counted by the gateway's rate limits. */
  clientIp?: string;
  /** A guest cart's token (`X-Cart-Token`), forwarded to the subgraphs when well formed. */
  cartToken?: string;
  /** The subgraphs this request asked, noted for the response cache (anonymous requests only; docs/decisions/0054). */
  subgraphsAsked?: Set<string>;
}

/**
 * Verifies the access token (or API key) once at the edge; a bad or expired one fails the request
 * (UNAUTHENTICATED). A request with a working API key is counted for the key's usage.
 */
export async function createGatewayContext(
  req: IncomingMessage,
  authenticator: RequestAuthenticator,
  trustProxy: TrustFunction = () => false,
  usage?: ApiKeyUsageRecorder,
): Promise<GatewayContext> {
  const incomingId = req.headers[REQUEST_ID_HEADER];
  const requestId = typeof incomingId === "string" && /^[\w-]{1,64}$/.test(incomingId) ? incomingId : randomUUID();
  const { viewer, authorization, apiKey } = await authenticator.authenticate(req.headers);
  if (apiKey) usage?.count(apiKey.id);
  return {
    viewer,
    authorization,
    ...(apiKey ? { apiKey } : {}),
    requestId,
    clientIp: clientIpOf(req, trustProxy),
    cartToken: cartTokenOf(headerValue(req.headers[CART_TOKEN_HEADER])),
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
