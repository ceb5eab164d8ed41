import pino, { type Logger } from "pino";

export type { Logger };

/**
 * One structured (JSON) logger per process; `LOG_LEVEL` sets the level, `LOG_PRETTY=1` pretty-prints.
 *
 * Lines are written synchronously. Pino's default asynchronous stdout raced its own exit hook: a
 * line whose write was still in flight when the process exited came out after later ones, so a
 * shutdown's last steps were logged out of order, and a line can be lost in a crash. At our volume
 * (warnings and lifecycle events, not a line per request) the synchronous write costs nothing measurable.
 */
export function createLogger(name: string): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info");
  const pretty = process.env.LOG_PRETTY === "1";
  const options = {
    name,
    level,
    base: { service: name },
    redact: {
      paths: ["req.headers.authorization", "password", "*.password", "refreshToken", "*.refreshToken"],
      censor: "[redacted]",
    },
    ...(pretty
      ? {
          transport: {
            target: "pino-pretty",
            options: { colorize: true, ignore: "pid,hostname,service", singleLine: true },
          },
        }
      : {}),
  };
  return pretty ? pino(options) : pino(options, pino.destination({ dest: 1, sync: true }));
}
