// What keeps every level of the subscription bench bounded: a deadline on each wait that aborts the level
// with a message naming what was slow, and no child process outliving the bench.
import type { ChildProcess } from "node:child_process";

/** A level did not make it (too slow, a socket or process failed): the bench notes it and goes on. */
export class LevelAborted extends Error {}

/** Child processes (client processes and the gateway's) still running, killed when this process exits whatever happened (they also exit when it does, on IPC disconnect). */
export const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for `promise`, or fails the level with `message` after `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(new LevelAborted(message())), Math.max(0, ms))),
      ),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
