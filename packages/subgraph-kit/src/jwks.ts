import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from "jose";
import type { Logger } from "pino";
import { UnauthenticatedError } from "./errors";

export interface ResilientJwksOptions {
  /** How long fetched keys count as fresh before they are fetched again (default 10 min). */
  cacheMaxAgeMs?: number;
  /** Least time between fetches for an unknown `kid` (default 5 s). */
  cooldownMs?: number;
  /** Bound on one fetch (default 2 s). */
  timeoutMs?: number;
  /** First wait after a failed fetch before the next try; it doubles up to `maxBackoffMs` (defaults 1 s, 60 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
  log?: Logger;
}

/** The key set could not be fetched (identity down, slow or answering garbage), as opposed to a token that fails. */
function isFetchFailure(error: unknown): boolean {
  if (error instanceof joseErrors.JWKSTimeout) return true;
  if (error instanceof joseErrors.JOSEError) return /JSON Web Key Set HTTP response/.test(error.message);
  // undici's "fetch failed" (connection refused, reset, DNS): a TypeError, not a JOSEError. By name,
  // since it may come from another realm than this module's TypeError (Jest's sandbox, for one).
  return (error as { name?: unknown } | null)?.name === "TypeError";
}

/**
 * identity's public keys, fetched from its JWKS URL (jose's remote key set: cached, refetched for an
 * unknown `kid`), that keep working while identity is unreachable: a failed fetch falls back to the
 * last keys fetched, however old, and the next try waits a growing back-off instead of every request
 * waiting on a dead host; with no keys at all, tokens are UNAUTHENTICATED (logged), never a 500.
 */
export function resilientRemoteJwks(url: URL, options: ResilientJwksOptions = {}): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(url, {
    cacheMaxAge: options.cacheMaxAgeMs ?? 10 * 60_000,
    cooldownDuration: options.cooldownMs ?? 5_000,
    timeoutDuration: options.timeoutMs ?? 2_000,
  });
  const firstBackoff = options.backoffMs ?? 1_000;
  const maxBackoff = options.maxBackoffMs ?? 60_000;
  let retryAt = 0;
  let backoff = firstBackoff;
  let fallback: { jwks: JSONWebKeySet; getKey: JWTVerifyGetKey } | undefined;
  const lastKeys = (): JWTVerifyGetKey | undefined => {
    const jwks = remote.jwks();
    if (!jwks) return undefined;
    if (fallback?.jwks !== jwks) fallback = { jwks, getKey: createLocalJWKSet(jwks) };
    return fallback.getKey;
  };
  const unavailable = () => new UnauthenticatedError("Access tokens cannot be checked right now; try again shortly");

  return async (header, token) => {
    if (Date.now() < retryAt) {
      const cached = lastKeys();
      if (!cached) throw unavailable();
      return cached(header, token);
    }
    try {
      const key = await remote(header, token);
      backoff = firstBackoff;
      retryAt = 0;
      return key;
    } catch (error) {
      if (!isFetchFailure(error)) throw error;
      retryAt = Date.now() + backoff;
      options.log?.warn(
        { err: error, url: url.href, retryInMs: backoff },
        "cannot fetch the access-token keys; using the last ones fetched, if any",
      );
      backoff = Math.min(backoff * 2, maxBackoff);
      const cached = lastKeys();
      if (!cached) throw unavailable();
      return cached(header, token);
    }
  };
}
