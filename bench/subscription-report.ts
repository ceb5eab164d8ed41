// The subscription bench's report: the table of every level's figures, what each column means, and the notes.
import { CLOCK_PINGS } from "./subscription-client-pool";
import { MESSAGES, type LevelResult } from "./subscription-level";

/** Nearest-rank percentile of `values` (0 < p ≤ 100). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Prints the levels that made it, how to read them, and every note (skipped and aborted levels, settings). */
export function printReport(results: LevelResult[], notes: string[], perProcess: number): void {
  console.log(
    `\nsubscriptions: messageAdded of one conversation, N sockets to the one gateway from client processes of at most ${perProcess} sockets each, ${MESSAGES} messages sent one at a time (loopback; the gateway in its own process, the subgraphs in the bench's)`,
  );
  if (results.length) {
    console.table(
      results.map((r) => ({
        subscribers: r.subscribers,
        tokens: r.tokens,
        "client procs": r.processes,
        "connect s": Number((r.connectMs / 1000).toFixed(2)),
        "all live s": Number((r.liveMs / 1000).toFixed(2)),
        "gateway heap KB/conn": Number((r.heapPerConnection / 1024).toFixed(1)),
        "gateway RSS KB/conn": Number((r.rssPerConnection / 1024).toFixed(1)),
        "subgraphs heap KB/conn": Number((r.subgraphsHeapPerConnection / 1024).toFixed(1)),
        "first p50 ms": Math.round(percentile(r.first, 50)),
        "last p50 ms": Math.round(percentile(r.last, 50)),
        "last p95 ms": Math.round(percentile(r.last, 95)),
        "sendMessage p50 ms": Math.round(percentile(r.mutation, 50)),
        "gateway CPU ms/msg": Math.round(r.cpuPerMessage),
        "subgraphs CPU ms/msg": Math.round(r.subgraphsCpuPerMessage),
        "clients CPU ms/msg": Math.round(r.clientCpuPerMessage),
        "clients RSS KB/conn": Number((r.clientRssPerConnection / 1024).toFixed(1)),
        "close s": Number((r.closeMs / 1000).toFixed(2)),
        "heap left MB": Number((r.heapRetained / 1024 / 1024).toFixed(1)),
        "fds gateway": r.fdsOpen ?? "?",
        "fds per client proc": r.clientFdsOpen ?? "?",
      })),
    );
    console.log(
      "memory per connection: (heapUsed | RSS once all N are subscribed − the same with no socket open, before the first level) / N, after global.gc(), in the gateway's own process; subgraphs heap = the same for the bench's process, where the subgraphs run (messaging's per-subscription state); heap left = heapUsed of both after the level closed − their baselines; clients RSS = the client processes' RSS with all N subscribed − right after they started, summed, / N",
    );
    console.log(
      "connect = WebSocket open + connection_ack + subscribe sent for all N, in batches of 200 (client process start-up not included); all live = until every subscriber received a probe message (sent every ≤1 s); first/last = from just before sendMessage is issued to the first/last subscriber receiving it, over all client processes (receive times taken there as performance.timeOrigin + performance.now(), less that process's clock offset to this one); CPU = user + system time per fan-out message (including its sendMessage) of the gateway's process and of the subgraphs' (the bench's), clients CPU = the client processes' summed; fds = descriptors open with all N subscribed, in the gateway's process and in the fullest client process",
    );
    console.log(
      `clock offsets, client process − this one, measured at each client process's start and taken off its receive times: ${results
        .map((r) => `${r.subscribers}: ${r.clockOffsets.map((offset) => `${offset.toFixed(2)} ms`).join(", ")}`)
        .join(
          "; ",
        )} (each ± ${Math.max(...results.map((r) => r.clockUncertainty)).toFixed(2)} ms or better: half the shortest of ${CLOCK_PINGS} IPC round trips)`,
    );
  }
  for (const note of notes) console.log(`note: ${note}`);
}
