import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** A pool this size: the migration lock holds one connection while the migrations run on another. */
const CONNECTIONS = 4;
/**
 * The server admits more sockets than the pool holds. A long statement (the HNSW upkeep of 10,000
 * chunks takes a minute) blocks PGlite's process: meanwhile the pool closes idle connections and
 * opens new ones, and once unblocked the server can see the new sockets before the old ones' close,
 * refuse them at its limit and reset them (ECONNRESET).
 */
const SERVER_SOCKETS = 4 * CONNECTIONS;

/** Starts bench/ai-pglite-server.mjs and resolves with its URL once it listens (or rejects after 60 s). */
export async function startPglite(): Promise<{ url: string; connections: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(__dirname, "ai-pglite-server.mjs"), String(SERVER_SOCKETS)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("PGlite did not listen within 60 s")), 60_000);
    child.once("exit", (code) => reject(new Error(`PGlite exited with ${code}`)));
    createInterface({ input: child.stdout! }).once("line", (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
  }).catch((error: unknown) => {
    child.kill();
    throw error;
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    connections: CONNECTIONS,
    stop: async () => {
      child.stdin!.end();
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) child.kill();
    },
  };
}
