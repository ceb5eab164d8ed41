import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./processes";

/**
 * A redis-server of the test's own on a free port, which the test may kill and start again on the
 * same port (the machine's Redis on 6379 is never touched). `persistence: "none"` is a Redis that
 * forgets everything on restart (`--save '' --appendonly no`); "aof" keeps an append-only file in a
 * temporary directory, as docker-compose and the Kubernetes manifests run it.
 */
export interface OwnRedis {
  url: string;
  port: number;
  /** Ends the server at once (SIGKILL, as a crash or an evicted pod), and waits for the exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Kills it for good and removes its directory. */
  stop(): Promise<void>;
}

export async function startOwnRedis(options: { persistence: "none" | "aof" }): Promise<OwnRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "pawgraph-redis-"));
  const persistence =
    options.persistence === "aof" ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"];
  let child: ChildProcess | undefined;
  const start = async () => {
    const server = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--dir", dir, ...persistence],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child = server;
    let output = "";
    await new Promise<void>((ready, fail) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ready to accept connections")) {
          server.stdout!.off("data", onData);
          server.stdout!.resume();
          ready();
        }
      };
      server.stdout!.on("data", onData);
      server.stderr!.resume();
      server.once("error", fail);
      server.once("exit", (code) => fail(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)));
    });
  };
  const kill = async () => {
    const server = child;
    child = undefined;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = once(server, "exit");
    server.kill("SIGKILL");
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    start,
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
