// The HTTP pieces every process shares, the gateway included: listen, health routes, error shape,
// draining shutdown. Kept apart from server.ts so the gateway loads no subgraph machinery.
import type { ErrorRequestHandler, Express } from "express";
import { GraphQLError } from "graphql";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { DomainError } from "./errors";
import { runShutdownSteps, type HttpDrain, type ShutdownStep, type StopOutcome } from "./shutdown";

/** A running HTTP server with its address; `stop` drains requests and closes it (see `drainAndStop`). */
export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  stop: () => Promise<StopOutcome>;
}

/** Turns a coded failure before execution (bad token, missing gateway secret) into a GraphQL error with HTTP 401/403. */
export function contextError(error: unknown): unknown {
  if (error instanceof DomainError) {
    const status = error.code === "UNAUTHENTICATED" ? 401 : error.code === "FORBIDDEN" ? 403 : 400;
    return new GraphQLError(error.message, { extensions: { code: error.code, http: { status } } });
  }
  return error;
}

export function listen(server: Server, port: number, host = "0.0.0.0"): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Errors raised before GraphQL runs (body not JSON, body too large) as GraphQL-shaped JSON with a
 * code, instead of express's HTML page with a stack trace.
 */
export const httpErrorHandler =
  (log: Logger): ErrorRequestHandler =>
  (error: { status?: number; type?: string }, _req, res, _next) => {
    const status = typeof error.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) log.error({ err: error }, "unhandled HTTP error");
    const message =
      error.type === "entity.parse.failed"
        ? "Request body is not valid JSON"
        : error.type === "entity.too.large"
          ? "Request body is too large"
          : status === 500
            ? "Internal server error"
            : "Bad request";
    res
      .status(status)
      .json({ errors: [{ message, extensions: { code: status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" } }] });
  };

/** Health endpoints every process serves: liveness (with optional detail, never failing it) and readiness. */
export function healthRoutes(
  app: Express,
  ready: () => Promise<void>,
  log: Logger,
  details?: () => Record<string, unknown>,
): void {
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", ...details?.() });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await ready();
      res.json({ status: "ready" });
    } catch (error) {
      log.warn({ err: error }, "not ready");
      res.status(503).json({ status: "not ready" });
    }
  });
}

/**
 * Stops an HTTP server the same way in every process: stop accepting connections, close WebSockets
 * with 1001, let requests in flight finish (at most `timeoutMs`, then cut off), then the `steps`.
 * Each is logged with a `step` field, so an operator sees where a slow shutdown spent its time.
 */
export async function drainAndStop(options: {
  drain: HttpDrain;
  log: Logger;
  timeoutMs: number;
  closeWebSockets?: () => Promise<void>;
  steps: readonly ShutdownStep[];
}): Promise<StopOutcome> {
  const { drain, log } = options;
  const startedAt = Date.now();
  const closeWebSockets = options.closeWebSockets
    ? async () => {
        await options.closeWebSockets!();
        log.info({ step: "websockets", ms: Date.now() - startedAt }, "shutdown: WebSockets closed (1001 going away)");
      }
    : undefined;
  const draining = drain.drain(startedAt + options.timeoutMs, closeWebSockets);
  log.info({ step: "stop accepting", inFlight: drain.inFlight }, "shutdown: no longer accepting connections");
  const drained = await draining;
  if (drained.graceful)
    log.info({ step: "http requests", ms: Date.now() - startedAt }, "shutdown: requests in flight finished");
  else
    log.warn(
      { step: "http requests", cutOff: drained.cutOff, ms: Date.now() - startedAt },
      `shutdown: ${drained.cutOff} request(s) cut off after ${options.timeoutMs} ms`,
    );
  const rest = await runShutdownSteps(log, options.steps);
  return { clean: drained.graceful && rest };
}
