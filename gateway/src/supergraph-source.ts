import { readFileSync, unwatchFile, watchFile } from "node:fs";
import type { SupergraphSdlHook } from "@apollo/gateway";
import type { Logger } from "pino";

/**
 * The supergraph from a file. With `watch`, the file is polled and a changed supergraph (say,
 * `npm run compose` while the stack runs) is handed to the gateway without a restart; an invalid one
 * is refused and the current schema stays.
 */
export function supergraphFromFile(path: string, watch: boolean, log: Logger): string | SupergraphSdlHook {
  if (!watch) return readFileSync(path, "utf8");
  return async ({ update }) => {
    let current = readFileSync(path, "utf8");
    const onChange = () => {
      let next: string;
      try {
        next = readFileSync(path, "utf8");
      } catch (error) {
        log.warn({ err: error, path }, "supergraph file unreadable; keeping the current schema");
        return;
      }
      if (next === current) return;
      try {
        update(next);
        current = next;
        log.info({ path }, "supergraph reloaded");
      } catch (error) {
        log.error({ err: error, path }, "new supergraph refused; keeping the current schema");
      }
    };
    watchFile(path, { interval: 500, persistent: false }, onChange);
    return { supergraphSdl: current, cleanup: async () => unwatchFile(path, onChange) };
  };
}
