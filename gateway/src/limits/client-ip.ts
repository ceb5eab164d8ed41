import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";
import type { LimitsConfig } from "./limits.config";

/**
 * The client's address as the rate limits see it: the socket's peer, or, behind proxies named in
 * `TRUST_PROXY`, the first address in `X-Forwarded-For` that none of them added (proxy-addr, as
 * Express's `req.ip`). Trusting the header without a proxy in front would let anyone pick their IP.
 */
export function clientIpResolver(trust: LimitsConfig["trustProxy"]): (req: IncomingMessage) => string | undefined {
  if (trust === undefined) return (req) => req.socket.remoteAddress;
  const trusted = typeof trust === "number" ? (_address: string, hop: number) => hop < trust : proxyaddr.compile(trust);
  return (req) => proxyaddr(req, trusted);
}
