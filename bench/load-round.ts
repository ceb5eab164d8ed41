// One round of load on a gateway in this process, measured by the CPU this process spent on it: on a
// machine shared with other work, throughput swings with their load while CPU per request barely moves.
import autocannon from "autocannon";

export interface LoadRound {
  rps: number;
  p50: number;
  p97: number;
  cpuMsPerRequest: number;
}

/** `connections` clients POSTing `body` with `token` for `seconds`; fails on any non-2xx or error. */
export async function loadRound(
  url: string,
  body: string,
  token: string,
  { connections, seconds }: { connections: number; seconds: number },
): Promise<LoadRound> {
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url,
    method: "POST",
    connections,
    duration: seconds,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const used = process.cpuUsage(cpu);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p97: result.latency.p97_5 ?? result.latency.p99,
    cpuMsPerRequest: (used.user + used.system) / 1000 / result.requests.total,
  };
}
