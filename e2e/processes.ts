import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { request, type ClientRequest } from "node:http";
import { connect, createServer } from "node:net";
import { resolve } from "node:path";

/** One line a spawned process wrote: its pino JSON, or `{ msg }` for anything else. */
export type LogLine = { msg?: string; level?: number; [key: string]: unknown };

/** A Pawgraph process started as development starts it (`node -r @swc-node/register src/main.ts`), or from a production build, with its logs. */
export interface SpawnedProcess {
  child: ChildProcess;
  logs: LogLine[];
  /** Resolves with the first log line (already written or still to come) that matches, or rejects after `timeoutMs`. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Settles when the process ends: its exit code (or signal) and when. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

const root = resolve(__dirname, "..");

/**
 * Starts a workspace's `src/main.ts` (`subgraphs/pets`, `gateway`) in its own process; as another
 * user when `user` is given (the test runner must be root). With `productionBuild` (a tree written by
 * scripts/production-build.mjs), its compiled `src/main.js` there instead, as the container runs it.
 */
export function startProcess(
  workspace: string,
  env: Record<string, string | undefined>,
  options: { user?: { uid: number; gid: number }; productionBuild?: string } = {},
): SpawnedProcess {
  const args = options.productionBuild ? ["src/main.js"] : ["-r", "@swc-node/register", "src/main.ts"];
  const child = spawn(process.execPath, args, {
    cwd: resolve(options.productionBuild ?? root, workspace),
    ...options.user,
    // Not NODE_ENV=test (Jest's): the process must run as it runs in production, Apollo's defaults included.
    env: { ...process.env, NODE_ENV: "development", LOG_LEVEL: "info", LOG_PRETTY: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: LogLine[] = [];
  const waiters = new Set<() => void>();
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffered = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const text of lines.filter(Boolean)) {
        try {
          logs.push(JSON.parse(text) as LogLine);
        } catch {
          logs.push({ msg: text });
        }
      }
      for (const wake of [...waiters]) wake();
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((done) => {
    child.once("exit", (code, signal) => {
      done({ code, signal, at: Date.now() });
      for (const wake of [...waiters]) wake();
    });
  });
  const waitForLog = (match: (line: LogLine) => boolean, timeoutMs = 30_000) =>
    new Promise<LogLine>((found, fail) => {
      const check = () => {
        const line = logs.find(match);
        if (line) {
          finish();
          found(line);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          finish();
          fail(
            new Error(
              `process exited (${child.exitCode ?? child.signalCode}) before the expected log line; it wrote:\n${logs.map((l) => JSON.stringify(l)).join("\n")}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        finish();
        fail(
          new Error(
            `expected log line not written within ${timeoutMs} ms; the process wrote:\n${logs.map((l) => JSON.stringify(l)).join("\n")}`,
          ),
        );
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  return { child, logs, waitForLog, exited };
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

/** Whether a new TCP connection to the port is refused (the server stopped accepting). */
export function connectionRefused(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      done(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => done(error.code === "ECONNREFUSED"));
  });
}

/** A response read to its end. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A request that is in flight on the server until the test lets it finish: its headers are sent
 * with `Expect: 100-continue`, so the server has begun handling it (and answered `100 Continue`)
 * while its body is still with the client, as with a slow upload. `finish` sends the body.
 */
export async function holdRequest(
  port: number,
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ finish: () => Promise<RawResponse>; request: ClientRequest }> {
  const req = request({
    host: "127.0.0.1",
    port,
    path,
    method: "POST",
    agent: false,
    headers: {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
      expect: "100-continue",
      ...headers,
    },
  });
  const response = new Promise<RawResponse>((done, fail) => {
    req.once("error", fail);
    req.once("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.once("end", () => done({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.once("error", fail);
    });
  });
  response.catch(() => undefined); // observed through `finish`
  req.flushHeaders();
  await Promise.race([
    once(req, "continue"),
    response.then(() => Promise.reject(new Error("answered before the body was sent"))),
  ]);
  return {
    request: req,
    finish: () => {
      req.end(body);
      return response;
    },
  };
}
