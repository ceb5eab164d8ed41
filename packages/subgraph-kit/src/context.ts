import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { isIP } from "node:net";
import type { Logger } from "pino";
import type { Viewer, AccessTokenVerifier } from "./auth";
import { UnauthenticatedError } from "./errors";
import { GATEWAY_SECRET_HEADER, isGatewaySecret, type GatewaySecretSettings } from "./gateway-secret";

export const REQUEST_ID_HEADER = "x-request-id";
/** The caller's IP address as the gateway determined it (socket address, or `X-Forwarded-For` behind trusted proxies). */
export const CLIENT_IP_HEADER = "x-pawgraph-client-ip";
/**
 * A guest's cart token (orders): sent by the client, forwarded by the gateway. A bearer secret for
 * one anonymous cart, nothing more; a signed-in viewer sending it has that cart merged into theirs.
 */
export const CART_TOKEN_HEADER = "x-cart-token";
const CART_TOKEN = /^[A-Za-z0-9_-]{32,128}$/;

/** The cart token if it is well formed: anything else is treated as absent. */
export function cartTokenOf(value: string | undefined): string | undefined {
  return value && CART_TOKEN.test(value) ? value : undefined;
}

/** What every subgraph request carries; subgraphs extend it with their own loaders and services. */
export interface BaseContext {
  viewer: Viewer | null;
  /** The verified `Authorization` header, for calls made on the viewer's behalf to other subgraphs. */
  authorization?: string;
  requestId: string;
  /** The end client's IP address, from the gateway (for per-IP limits such as sign-in attempts); absent when unknown. */
  clientIp?: string;
  log: Logger;
  /**
   * The caller presented the gateway secret: it is the gateway or another subgraph, never a client.
   * Internal fields, `_entities` and introspection need it even where the secret is not required.
   */
  trustedCaller: boolean;
  /** A guest cart's token (`x-cart-token`), when the client sent a well-formed one (orders reads it). */
  cartToken?: string;
}

export interface BaseContextOptions {
  verifier: AccessTokenVerifier;
  log: Logger;
  /** The shared secret; with `required`, calls without it in `x-gateway-secret` are refused. */
  gatewaySecret: GatewaySecretSettings;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Builds the per-request base context: checks the gateway secret, verifies the token again (zero trust). */
export async function createBaseContext(
  headers: IncomingHttpHeaders,
  options: BaseContextOptions,
): Promise<BaseContext> {
  const trustedCaller = isGatewaySecret(header(headers, GATEWAY_SECRET_HEADER), options.gatewaySecret.secret);
  if (options.gatewaySecret.required && !trustedCaller)
    throw new UnauthenticatedError("Requests must come through the gateway");
  return baseContextFor(
    {
      authorization: header(headers, "authorization"),
      requestId: header(headers, REQUEST_ID_HEADER),
      clientIp: header(headers, CLIENT_IP_HEADER),
      cartToken: header(headers, CART_TOKEN_HEADER),
      trustedCaller,
    },
    options,
  );
}

/**
 * The base context for one operation once it is known whether the caller presented the secret (HTTP
 * headers, or a WebSocket connection's `connection_init`) and who the viewer is (its token).
 */
export async function baseContextFor(
  caller: { authorization?: string; requestId?: string; clientIp?: string; cartToken?: string; trustedCaller: boolean },
  options: Omit<BaseContextOptions, "gatewaySecret">,
): Promise<BaseContext> {
  const requestId = caller.requestId && /^[\w-]{1,64}$/.test(caller.requestId) ? caller.requestId : randomUUID();
  const authorization = caller.authorization;
  const viewer = await options.verifier.fromAuthorizationHeader(authorization);
  return {
    viewer,
    authorization: viewer ? authorization : undefined,
    requestId,
    // Only a well-formed address is kept: the value keys rate limits and must not smuggle anything else.
    // Only the gateway (or another service) may say who the end client is; anyone else could pick an address.
    ...(caller.trustedCaller && caller.clientIp && isIP(caller.clientIp) ? { clientIp: caller.clientIp } : {}),
    log: options.log.child({ requestId, userId: viewer?.userId }),
    trustedCaller: caller.trustedCaller,
    ...(cartTokenOf(caller.cartToken) ? { cartToken: caller.cartToken } : {}),
  };
}
