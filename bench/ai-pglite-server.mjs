// PGlite with pgvector and pg_trgm behind a Postgres socket, in a process of its own (copied from the
// approach of subgraphs/ai/test/pglite-server.mjs): PGlite's WebAssembly Postgres is single-threaded
// and would otherwise share the bench's event loop and distort its timings. Prints {"port": n} once
// listening; stops when its stdin closes.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const maxConnections = Number(process.argv[2] ?? 4);
const db = await PGlite.create({ extensions: { vector, pg_trgm } });
const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections });
await server.start();
process.stdout.write(`${JSON.stringify({ port: Number(server.getServerConn().split(":").pop()) })}\n`);

const stop = async () => {
  await server.stop();
  await db.close();
  process.exit(0);
};
process.stdin.on("close", stop);
process.stdin.resume();
process.on("SIGTERM", stop);
