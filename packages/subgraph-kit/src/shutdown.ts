import type { Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { constants } from "node:os";
import type { Logger } from "pino";
import { envInt } from "./config";

/**
 * How long in-flight HTTP requests (and WebSocket close handshakes) may take after SIGTERM/SIGINT
 * before they are cut off: env `SHUTDOWN_TIMEOUT_MS`, default 10 s.
 */
export const shutdownTimeoutMs = (): number => envInt("SHUTDOWN_TIMEOUT_MS", 10_000);

/**
 * What the rest of shutdown (consumers, relay, pools) may take after the requests: it waits for at
 * most one event handler or relay batch and a pool's last statements, so seconds, not minutes.
 * Past it the process exits 1 without finishing (Kubernetes' default grace period is 30 s).
 */
export const SHUTDOWN_AFTER_REQUESTS_MS = 5_000;

/** What a stop achieved: `clean` is false when requests were cut off at the deadline or a step failed. */
export interface StopOutcome {
  clean: boolean;
}

/** One named thing to stop during shutdown, in the order given. */
export type ShutdownStep = readonly [name: string, stop: () => unknown];

/**
 * Runs shutdown steps one after another, logging each with its duration. A step that fails is
 * logged and the later ones still run (a broken Redis must not keep the pool open); the result
 * says whether all succeeded.
 */
export async function runShutdownSteps(log: Logger, steps: readonly ShutdownStep[]): Promise<boolean> {
  let clean = true;
  for (const [step, stop] of steps) {
    const startedAt = Date.now();
    try {
      await stop();
      log.info({ step, ms: Date.now() - startedAt }, `shutdown: ${step} stopped`);
    } catch (error) {
      clean = false;
      log.error({ err: error, step, ms: Date.now() - startedAt }, `shutdown: stopping ${step} failed`);
    }
  }
  return clean;
}

/**
 * A subgraph's `stop`: the server first (no new work arrives, requests in flight finish), then the
 * subgraph's own parts in the order given, typically event consumers and jobs (they write events),
 * then the outbox relay (it publishes what they wrote), then the pools everything above used.
 */
export async function stopSubgraph(
  running: { stop: () => Promise<StopOutcome> },
  log: Logger,
  steps: readonly ShutdownStep[],
): Promise<StopOutcome> {
  const server = await running.stop();
  const rest = await runShutdownSteps(log, steps);
  return { clean: server.clean && rest };
}

/** How draining an HTTP server went: `cutOff` requests were still running at the deadline. */
export interface DrainResult {
  graceful: boolean;
  cutOff: number;
}

/**
 * Tracks an HTTP server's connections and the requests in flight on each, so shutdown can stop
 * accepting, let requests finish and close keep-alive sockets as they fall idle, and cut off what is
 * left at a deadline. Apollo's drain plugin does the same but does not say whether it had to cut
 * requests off, which decides the exit code; and Node's own `server.close()` leaves open a socket
 * that connected but has not sent a request yet.
 */
export class HttpDrain {
  /** Every open connection and the requests in flight on it; WebSockets count as connections with none. */
  private readonly sockets = new Map<Socket, number>();
  private readonly responses = new Set<ServerResponse>();
  private draining = false;

  constructor(private readonly server: Server) {
    server.on("connection", (socket: Socket) => {
      this.sockets.set(socket, 0);
      socket.once("close", () => this.sockets.delete(socket));
    });
    server.on("request", (req, res: ServerResponse) => {
      const socket = req.socket;
      this.sockets.set(socket, (this.sockets.get(socket) ?? 0) + 1);
      this.responses.add(res);
      if (this.draining) res.setHeader("connection", "close");
      res.once("close", () => {
        this.responses.delete(res);
        if (!this.sockets.has(socket)) return; // the socket closed first
        const left = this.sockets.get(socket)! - 1;
        this.sockets.set(socket, left);
        if (this.draining && left === 0) socket.end();
      });
    });
  }

  /** Requests being served now. */
  get inFlight(): number {
    return this.responses.size;
  }

  /**
   * Stops accepting connections at once, then runs `closeWebSockets` (they go away with 1001),
   * closes idle keep-alive sockets and waits for the requests in flight, each socket closed after its
   * last response (sent with `Connection: close` where the headers are still unsent). At `deadline`
   * (epoch ms) every socket left is destroyed.
   */
  async drain(deadline: number, closeWebSockets?: () => Promise<void>): Promise<DrainResult> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    let timer: NodeJS.Timeout | undefined;
    const timeUp = new Promise<"timeout">(
      (resolve) => (timer = setTimeout(() => resolve("timeout"), Math.max(0, deadline - Date.now()))),
    );
    try {
      // WebSockets first: until they are closed, their sockets look like idle HTTP ones.
      if (closeWebSockets) await Promise.race([closeWebSockets(), timeUp]);
      for (const res of this.responses) if (!res.headersSent) res.setHeader("connection", "close");
      for (const [socket, requests] of this.sockets) if (requests === 0) socket.end();
      if ((await Promise.race([closed, timeUp])) !== "timeout") return { graceful: true, cutOff: 0 };
      // Only requests count as cut off: a client that got its answer but never closed its end of the
      // socket (or a WebSocket that never answered the close frame) has lost nothing.
      const cutOff = this.inFlight;
      for (const socket of this.sockets.keys()) socket.destroy();
      await closed;
      return { graceful: cutOff === 0, cutOff };
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * The process's one SIGTERM/SIGINT handler (Apollo Server's own is turned off everywhere: it stops
 * the server and then re-raises the signal, which killed the process before consumers, relay and
 * pools were stopped). The first signal stops `started` and exits 0, or 1 when requests were cut
 * off, a step failed or the whole stop overran its budget. The same signal again (a second Ctrl+C)
 * exits at once; a different one is ignored, because `npm start` delivers both SIGINT (from the
 * terminal) and SIGTERM (from the launcher) on one Ctrl+C.
 */
export function exitOnTerminationSignals(
  name: string,
  log: Logger,
  started: Promise<{ stop: () => Promise<StopOutcome> }>,
  timeoutMs = shutdownTimeoutMs(),
): void {
  let first: NodeJS.Signals | undefined;
  const exit = (code: number) => process.exit(code);
  const onSignal = (signal: NodeJS.Signals) => {
    if (signal === first) {
      log.warn({ signal }, `${name}: ${signal} again, exiting without finishing the shutdown`);
      exit(128 + constants.signals[signal]);
    }
    if (first) return;
    first = signal;
    const startedAt = Date.now();
    log.info(
      { signal, timeoutMs },
      `${name} shutting down: finishing requests (up to ${timeoutMs} ms), then stopping consumers, relay and pools`,
    );
    const budget = timeoutMs + SHUTDOWN_AFTER_REQUESTS_MS;
    setTimeout(() => {
      log.error({ ms: Date.now() - startedAt }, `${name}: shutdown did not finish within ${budget} ms; exiting`);
      exit(1);
    }, budget).unref();
    started
      .then((running) => running.stop())
      .then(
        ({ clean }) => {
          log[clean ? "info" : "warn"](
            { clean, ms: Date.now() - startedAt },
            `${name} shutdown complete${clean ? "" : " (not clean: see above)"}`,
          );
          exit(clean ? 0 : 1);
        },
        (error: unknown) => {
          log.error({ err: error, ms: Date.now() - startedAt }, `${name}: shutdown failed`);
          exit(1);
        },
      );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
