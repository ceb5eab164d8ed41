import express, { type Express, type Request, type Response } from "express";
import {
  GATEWAY_SECRET_HEADER,
  isGatewaySecret,
  isUnavailableError,
  isUuid,
  type Logger,
} from "@pawgraph/subgraph-kit";
import type { ApiKeyUsageIncrement } from "./api-key.repository";
import type { ApiKeyService } from "./api-key.service";

/** Where the gateway trades an API key for an access token of its owner (POST `{ key }`). */
export const API_KEY_ACCESS_PATH = "/internal/api-keys/access";
/** Where the gateway reports requests per key and day (POST `{ usage: [{ keyId, day, requests }] }`). */
export const API_KEY_USAGE_PATH = "/internal/api-keys/usage";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_INCREMENTS = 10_000;

/**
 * identity's internal HTTP routes for API keys (docs/decisions/0046), like `/internal/revocations`:
 * only callers with the gateway secret. Plain HTTP rather than @Internal() fields: the gateway calls
 * them before it knows the viewer, outside any GraphQL operation.
 */
export function apiKeyRoutes(app: Express, keys: ApiKeyService, gatewaySecret: string, log: Logger): void {
  const internalOnly = (req: Request, res: Response, next: () => void) => {
    if (!isGatewaySecret(req.get(GATEWAY_SECRET_HEADER), gatewaySecret)) {
      res.status(403).json({ error: "Requests must come through the gateway" });
      return;
    }
    next();
  };
  const failed = (res: Response, error: unknown, what: string) => {
    log[isUnavailableError(error) ? "warn" : "error"]({ err: error }, `${what} failed`);
    res.status(503).json({ error: `${what} unavailable` });
  };
  app.post(API_KEY_ACCESS_PATH, internalOnly, express.json({ limit: "4kb" }), async (req, res) => {
    const key = (req.body as { key?: unknown } | undefined)?.key;
    if (typeof key !== "string") {
      res.status(400).json({ error: "key must be a string" });
      return;
    }
    try {
      const access = await keys.access(key);
      res.set("cache-control", "no-store").json(typeof access === "string" ? { refused: access } : access);
    } catch (error) {
      failed(res, error, "API key access");
    }
  });
  app.post(API_KEY_USAGE_PATH, internalOnly, express.json({ limit: "1mb" }), async (req, res) => {
    const usage = (req.body as { usage?: unknown } | undefined)?.usage;
    const increments = Array.isArray(usage) ? usage.filter(isIncrement) : [];
    if (!Array.isArray(usage) || increments.length !== usage.length || usage.length > MAX_INCREMENTS) {
      res.status(400).json({ error: "usage must be a list of { keyId, day, requests }" });
      return;
    }
    try {
      await keys.recordUsage(increments);
      res.status(204).end();
    } catch (error) {
      failed(res, error, "API key usage");
    }
  });
}

function isIncrement(value: unknown): value is ApiKeyUsageIncrement {
  const v = value as Partial<ApiKeyUsageIncrement> | null;
  return (
    !!v &&
    typeof v.keyId === "string" &&
    isUuid(v.keyId) &&
    typeof v.day === "string" &&
    DAY.test(v.day) &&
    Number.isSafeInteger(v.requests) &&
    v.requests! > 0
  );
}
