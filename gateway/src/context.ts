import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import {
  CART_TOKEN_HEADER,
  cartTokenOf,
  REQUEST_ID_HEADER,
  type AccessTokenVerifier,
  type Viewer,
} from "@pawgraph/subgraph-kit";
import { clientIpOf, type TrustFunction } from "./client-ip";

/** What the gateway knows about one request. */
export interface GatewayContext {
  viewer: Viewer | null;
  /** The verified `Authorization` header, forwarded as is. */
  authorization?: string;
  requestId: string;
  /** The end client's address (behind trusted proxies, from `X-Forwarded-For`): sent to subgraphs for per-IP sign-in limits, and counted by the gateway's rate limits. */
  clientIp?: string;
  /** A guest cart's token (`X-Cart-Token`), forwarded to the subgraphs when well formed. */
  cartToken?: string;
}

/** Verifies the access token once at the edge; a bad or expired token fails the request (UNAUTHENTICATED). */
export async function createGatewayContext(
  req: IncomingMessage,
  verifier: AccessTokenVerifier,
  trustProxy: TrustFunction = () => false,
): Promise<GatewayContext> {
  const incomingId = req.headers[REQUEST_ID_HEADER];
  const requestId = typeof incomingId === "string" && /^[\w-]{1,64}$/.test(incomingId) ? incomingId : randomUUID();
  const authorization = req.headers.authorization;
  const viewer = await verifier.fromAuthorizationHeader(authorization);
  return {
    viewer,
    authorization: viewer ? authorization : undefined,
    requestId,
    clientIp: clientIpOf(req, trustProxy),
    cartToken: cartTokenOf(headerValue(req.headers[CART_TOKEN_HEADER])),
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
