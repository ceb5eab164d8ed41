// Jest global teardown: stop the embedded Postgres the setup started, if any.
export default async function globalTeardown() {
  await globalThis.__PAWGRAPH_PG_STOP__?.();
}
