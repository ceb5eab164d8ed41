import type { IncomingMessage } from "node:http";
import { isIPv4 } from "node:net";
import proxyaddr from "proxy-addr";

/**
 * Which proxies in front of the gateway may say who the client is (`X-Forwarded-For`), with
 * Express's `trust proxy` semantics: `false` trusts none (the socket address is the client), a
 * number trusts that many hops nearest the gateway, a list trusts those addresses and subnets
 * (`loopback`, `uniquelocal`, `10.0.0.0/8`, ...). `true` trusts every hop: only behind a proxy that
 * overwrites the header, since otherwise any client can claim any address.
 */
export type TrustProxy = boolean | number | string[];

/** Parses `TRUST_PROXY`: `true`/`false`, a hop count, or a comma-separated list of addresses and subnets. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim();
  if (!text || text === "false" || text === "0") return false;
  if (text === "true") return true;
  if (/^\d+$/.test(text)) return Number(text);
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

export type TrustFunction = (address: string, hop: number) => boolean;

/** Compiles the setting once (a list is parsed into subnets at start-up, not per request). */
export function compileTrust(trust: TrustProxy): TrustFunction {
  if (trust === true) return () => true;
  if (trust === false) return () => false;
  if (typeof trust === "number") return (_address, hop) => hop < trust;
  return proxyaddr.compile(trust);
}

/**
 * The client's address for one HTTP request or WebSocket upgrade: the socket's peer, or the
 * rightmost `X-Forwarded-For` entry not added by a trusted proxy. IPv4-mapped IPv6 addresses
 * (`::ffff:1.2.3.4`, how a dual-stack socket reports IPv4 peers) are given as plain IPv4.
 */
export function clientIpOf(req: IncomingMessage, trust: TrustFunction): string | undefined {
  if (!req.socket?.remoteAddress) return undefined;
  const address = proxyaddr(req, trust);
  const mapped = /^::ffff:(.+)$/i.exec(address)?.[1];
  return mapped && isIPv4(mapped) ? mapped : address;
}
