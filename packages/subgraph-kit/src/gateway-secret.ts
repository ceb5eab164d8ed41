import { randomBytes, timingSafeEqual } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { dataDir, envBool, envOptional, isProduction } from "./config";

/** The header that carries the gateway secret on every call between Pawgraph's processes. */
export const GATEWAY_SECRET_HEADER = "x-gateway-secret";

/** Shortest secret accepted in production: 32 characters (`openssl rand -hex 32` gives 64). */
const MIN_PRODUCTION_LENGTH = 32;
/** Values copied from examples and old compose files; refused even when long enough. */
const WELL_KNOWN = new Set(["change-me", "changeme", "secret", "gateway-secret", "s3cret", "password", "pawgraph"]);

/**
 * The secret the gateway and the subgraphs share (header `x-gateway-secret`, WebSocket
 * `connection_init`). It proves a caller is the gateway or another subgraph: only such callers
 * reach internal fields, `_entities` and introspection, and with `required` (the default) nothing else
 * is served at all.
 */
export interface GatewaySecretSettings {
  secret: string;
  /** Refuse every call without the secret (REQUIRE_GATEWAY_SECRET; always on in production). */
  required: boolean;
}

/** Why a configured secret is refused in production, or undefined when it is fine. */
export function weakSecretReason(secret: string): string | undefined {
  if (WELL_KNOWN.has(secret.trim().toLowerCase())) return "it is a well-known example value";
  if (secret.length < MIN_PRODUCTION_LENGTH) return `it is shorter than ${MIN_PRODUCTION_LENGTH} characters`;
  if (new Set(secret).size < 8) return "it repeats too few characters";
  return undefined;
}

/**
 * A secret only production must be given (`CALENDAR_FEED_SECRET`, ...): its value, refused when weak;
 * undefined outside production when unset (the caller generates one under the data dir). In
 * production a missing secret stops the process at start with the variable's name: it would
 * otherwise be generated on a disk that is read-only there, and differ between instances.
 */
export function productionSecretFromEnv(name: string, purpose: string): string | undefined {
  const configured = envOptional(name);
  if (!isProduction()) return configured;
  if (!configured) throw new Error(`${name} is required in production: ${purpose} (e.g. \`openssl rand -hex 32\`)`);
  const weak = weakSecretReason(configured);
  if (weak) throw new Error(`${name} is refused in production: ${weak}. Generate one with \`openssl rand -hex 32\``);
  return configured;
}

/**
 * `GATEWAY_SECRET`, or outside production one generated once under the data dir
 * (`.data/keys/gateway-secret`), so `npm start`, the tests and every process they start share it without
 * configuration. GATEWAY_SECRET is required in production, and refused when weak: there is no default to guess.
 */
export function gatewaySecretFromEnv(): GatewaySecretSettings {
  const configured = productionSecretFromEnv(
    "GATEWAY_SECRET",
    "it proves a caller is the gateway or another Pawgraph process",
  );
  const required = envBool("REQUIRE_GATEWAY_SECRET", true);
  if (isProduction() && !required) throw new Error("REQUIRE_GATEWAY_SECRET cannot be turned off in production");
  return { secret: configured ?? developmentSecret(join(dataDir(), "keys", "gateway-secret")), required };
}

/**
 * Reads the development secret, or creates it. Processes started together race safely: the secret is
 * written to a temporary file and hard-linked into place, which fails if another process got there
 * first, so nobody ever reads a half-written file and everyone ends up with the winner's secret.
 */
export function developmentSecret(file: string): string {
  const existing = readSecretFile(file);
  if (existing) return existing;
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(temporary, randomBytes(32).toString("hex"), { mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temporary);
  }
  const secret = readSecretFile(file);
  if (!secret) throw new Error(`could not read the development gateway secret at ${file}`);
  return secret;
}

function readSecretFile(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8").trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Compares a presented value with the secret in constant time (no early exit on the first differing byte). */
export function isGatewaySecret(presented: unknown, secret: string): boolean {
  if (typeof presented !== "string") return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
