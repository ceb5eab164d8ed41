import pino, { type Logger } from "pino";

export type { Logger };

/** One structured (JSON) logger per process; `LOG_LEVEL` sets the level, `LOG_PRETTY=1` pretty-prints. */
export function createLogger(name: string): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info");
  return pino({
    name,
    level,
    base: { service: name },
    redact: { paths: ["req.headers.authorization", "password", "*.password", "refreshToken", "*.refreshToken"], censor: "[redacted]" },
    ...(process.env.LOG_PRETTY === "1"
      ? { transport: { target: "pino-pretty", options: { colorize: true, ignore: "pid,hostname,service", singleLine: true } } }
      : {}),
  });
}
