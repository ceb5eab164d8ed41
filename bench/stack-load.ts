// Load through the gateway (or straight to a subgraph) for the in-process stack's sections of
// `npm run bench`: BENCH_CONNECTIONS clients for BENCH_DURATION seconds, signed in as `token`.
import autocannon from "autocannon";

export const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 8);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

export async function load(
  title: string,
  url: string,
  body: string,
  token: string,
  extraHeaders: Record<string, string> = {},
) {
  const result = await autocannon({
    title,
    url,
    method: "POST",
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...extraHeaders },
    body,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${title}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    title,
    rps: result.requests.average,
    p50: result.latency.p50,
    p95: result.latency.p97_5 ?? result.latency.p99,
    p99: result.latency.p99,
    total: result.requests.total,
  };
}
