// Runs the benchmark on DATABASE_URL, or on the embedded PostgreSQL (a fresh bench database) when unset;
// BENCH_ONLY=gateways needs no database, so none is started for it.
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureEmbeddedPostgres } from "../scripts/embedded-postgres.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
let stop = async () => {};
if (!process.env.DATABASE_URL && process.env.BENCH_ONLY !== "gateways") {
  const db = await ensureEmbeddedPostgres({
    dataDir: resolve(root, ".data/test-postgres"),
    port: Number(process.env.PAWGRAPH_TEST_PG_PORT ?? 25433),
    database: "pawgraph_bench",
    fresh: true,
  });
  process.env.DATABASE_URL = db.url;
  stop = db.stop;
}
const result = spawnSync(process.execPath, ["--expose-gc", "-r", "@swc-node/register", "bench/run.ts"], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
await stop();
process.exit(result.status ?? 1);
