/**
 * Reading the AI_* settings shared by the answer model and the embedder. Functions of an env record, not
 * of process.env, so they are tested as plain values. Every wrong or missing setting throws at start
 * with the variable's name: a half-configured provider must not be found at the first question.
 */

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The default bound on one model call (an answer with its tool calls and retry, or one embedding batch):
 * past 20 s the asker has given up.
 */
export const DEFAULT_AI_TIMEOUT_MS = 20_000;

export const AI_PROVIDERS = ["offline", "openai", "anthropic", "openai-compatible"] as const;
export type AiProvider = (typeof AI_PROVIDERS)[number];

/** The value, trimmed; an empty or blank variable counts as unset (compose files write `AI_MODEL=`). */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function providerFromEnv(env: Env): AiProvider {
  /** The assistant's model: `offline` (answers quoted from care articles, no model), `openai`, `anthropic` or `openai-compatible` (a local model: `AI_BASE_URL` required). */
  const raw = envValue(env, "AI_PROVIDER") ?? "offline";
  if (!(AI_PROVIDERS as readonly string[]).includes(raw)) {
    throw new Error(`AI_PROVIDER must be one of ${AI_PROVIDERS.join(", ")}, got "${raw}"`);
  }
  return raw as AiProvider;
}

export function requiredEnv(env: Env, name: string, why: string): string {
  const value = envValue(env, name);
  if (value === undefined) throw new Error(`${name} is required ${why}`);
  return value;
}

/** A positive number (integers only when asked), or the fallback when unset. */
export function positiveNumberFromEnv(
  env: Env,
  name: string,
  { fallback, integer = false }: { fallback?: number; integer?: boolean } = {},
): number | undefined {
  const raw = envValue(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be a positive ${integer ? "integer" : "number"}, got "${raw}"`);
  }
  return value;
}

/** A price may be 0 (a local model costs nothing per token), never negative. */
export function priceFromEnv(env: Env, name: string): number | undefined {
  const raw = envValue(env, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`${name} must be a number of US dollars per million tokens (0 or more), got "${raw}"`);
  }
  return value;
}

/**
 * A provider's base URL (e.g. http://127.0.0.1:11434/v1), without a trailing slash. Credentials in the
 * URL are refused (they would be logged with it), and so is a key sent in clear text over the network:
 * plain http is for a server on this machine, or one that needs no key.
 */
export function baseUrlFromEnv(env: Env, name: string, { sendsKey }: { sendsKey: boolean }): string | undefined {
  const raw = envValue(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be a URL like https://api.openai.com/v1 or http://127.0.0.1:11434/v1, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`${name} must use http or https, got "${url.protocol}"`);
  }
  if (url.username || url.password) {
    throw new Error(`${name} must not carry credentials: put the key in the API key variable`);
  }
  if (url.search || url.hash) throw new Error(`${name} must not have a query or fragment, got "${raw}"`);
  if (url.protocol === "http:" && sendsKey && !isLoopback(url.hostname)) {
    throw new Error(`${name} uses plain http to ${url.hostname} while an API key is set: use https, or no key`);
  }
  return url.toString().replace(/\/+$/, "");
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
