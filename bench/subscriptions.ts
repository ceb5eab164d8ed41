// `BENCH_ONLY=subscriptions npm run bench`: many WebSocket subscribers of one conversation's messageAdded at
// the ONE gateway (N = 1000, 5000, 10000; BENCH_SUBSCRIBERS="200,500" overrides), measuring memory per
// connection, time to get everyone subscribed, and fan-out latency from publish to the last subscriber.
// Clients are raw `ws` sockets speaking graphql-transport-ws, opened in batches on loopback from separate
// client processes (bench/subscription-clients.ts, up to 5000 sockets each; BENCH_SUBSCRIBERS_PER_PROCESS
// overrides). The gateway they connect to runs in a process of its own (bench/gateway-process.ts), so its
// memory, CPU and descriptors are measured apart from the subgraphs', which stay in this process. Every
// level is bounded in time, aborts with a message when too slow, closes all its sockets and kills its
// client processes before the next one. BENCH_GATEWAY_NODE_ARGS adds Node flags to the gateway's process
// (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it, "--max-semi-space-size=64" to try GC settings).
// The pieces: subscription-level.ts measures one level, subscription-client-pool.ts drives the client processes,
// gateway-driver.ts the gateway's, subscription-report.ts prints the figures, subscription-bounds.ts keeps it all
// bounded; this file sets up the conversation and runs the levels.
import { randomUUID } from "node:crypto";
import { RefreshSessionDocument, StartConversationDocument } from "../clients/__generated__/graphql";
import { ownerWithPet } from "../e2e/bookings-fixtures";
import { execute, registerClinic, registerClinicMember, type Stack } from "../e2e/harness";
import { gatewayDrained, GatewayProcess, memories } from "./gateway-driver";
import { fileDescriptors } from "./process-stats";
import { LevelAborted } from "./subscription-bounds";
import { BATCH, CLOSE_DEADLINE_MS, level, type LevelResult } from "./subscription-level";
import { percentile, printReport } from "./subscription-report";

const LEVELS = (process.env.BENCH_SUBSCRIBERS ?? "1000,5000,10000")
  .split(",")
  .map((n) => Number(n.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
/**
 * Distinct access tokens the subscribers use, in turn (default 1: one person's N sockets, the best case for
 * sharing). The gateway runs one execution per token, so K tokens cost about what K viewers would: tokens
 * beyond the first are further sessions of the owner, each refresh giving a new one (logins are rate-limited).
 */
const VIEWER_TOKENS = Math.max(1, Number(process.env.BENCH_SUBSCRIPTION_TOKENS ?? 1) || 1);
/** File descriptors kept free beyond the sockets: HTTP keep-alive, database pools, upstream sockets (~90 seen at 5000). */
const FD_HEADROOM = 200;
/** Sockets per client process: each holds one descriptor per socket, well under the open-files limit. */
const PER_PROCESS = Number(process.env.BENCH_SUBSCRIBERS_PER_PROCESS ?? 5000);
/** Descriptors a client process needs beyond its sockets (stdio, IPC, libuv, swc): ~25 seen. */
const CLIENT_FD_HEADROOM = 100;

export async function subscriptionsBench(stack: Stack) {
  const gateway = new GatewayProcess();
  try {
    await gateway.start(stack);
    await runLevels(stack, gateway);
  } finally {
    await gateway.stop();
  }
}

async function runLevels(stack: Stack, gateway: GatewayProcess) {
  const { owner, petId } = await ownerWithPet(stack);
  const { clinicId } = await registerClinic(stack);
  const vet = await registerClinicMember(stack, clinicId, "VET");
  const started = await execute(
    stack.gateway.url,
    StartConversationDocument,
    { input: { clinicId, petId, subject: "Bench", text: "Fan-out benchmark" } },
    owner.token,
  );
  if (!started.data) throw new Error(`startConversation failed: ${JSON.stringify(started.errors)}`);
  const setup = {
    tokens: await sessionTokens(stack, owner, VIEWER_TOKENS),
    senderToken: vet.token,
    conversationId: started.data.startConversation.id,
    run: randomUUID().slice(0, 8),
  };

  if (!LEVELS.length) {
    console.log(
      `\nsubscriptions: nothing to run (BENCH_SUBSCRIBERS=${JSON.stringify(process.env.BENCH_SUBSCRIBERS)} holds no positive whole number)`,
    );
    return;
  }
  const results: LevelResult[] = [];
  const notes: string[] = [];
  if (!(globalThis as { gc?: unknown }).gc)
    notes.push(
      "global.gc is not exposed (run through bench/start.mjs, which passes --expose-gc): memory deltas include uncollected garbage",
    );
  let perProcess = Number.isInteger(PER_PROCESS) && PER_PROCESS > 0 ? PER_PROCESS : 5000;
  if (perProcess !== PER_PROCESS)
    notes.push(
      `BENCH_SUBSCRIBERS_PER_PROCESS=${JSON.stringify(process.env.BENCH_SUBSCRIBERS_PER_PROCESS)} is not a positive whole number: ${perProcess} sockets per client process`,
    );
  const limits = fileDescriptors();
  if (limits && perProcess + CLIENT_FD_HEADROOM > limits.soft) {
    // Client processes inherit this process's open-files limit: one descriptor per socket, plus their own few.
    perProcess = Math.max(1, limits.soft - CLIENT_FD_HEADROOM);
    notes.push(
      `${PER_PROCESS} sockets per client process do not fit the open-files limit ${limits.soft}: ${perProcess} per process`,
    );
  }
  // An unreported warm-up round: JIT, first-use caches, and the memory the earlier sections left to be returned,
  // so the first level's figures are not skewed by them.
  try {
    await level(
      gateway,
      { ...setup, run: `${setup.run} warm-up` },
      Math.min(BATCH, ...LEVELS),
      await memories(gateway),
      perProcess,
      3,
    );
  } catch (error) {
    if (!(error instanceof LevelAborted)) throw error;
    notes.push(`warm-up round aborted: ${error.message}`);
  }
  const baseline = await memories(gateway);
  /** The smallest level that aborted: larger ones would not make it either and are skipped. */
  let failedAt = Infinity;
  for (const [i, size] of LEVELS.entries()) {
    if (size >= failedAt) {
      notes.push(`skipped ${size} subscribers: ${failedAt} already did not make it`);
      continue;
    }
    // The clients hold their ends in their own processes (at most perProcess each, which fits by the check above):
    // this process needs one descriptor per connection, the server end.
    const fds = (await gateway.probe()).fds;
    if (fds) {
      const needed = fds.open + size + FD_HEADROOM;
      if (needed > fds.soft) {
        const raise =
          needed <= fds.hard
            ? `raise it with \`ulimit -n ${needed}\` before npm run bench`
            : `the hard limit is ${fds.hard} too, and raising that takes privileges (CAP_SYS_RESOURCE, limits.conf, or the container's nofile ulimit)`;
        const fits = fds.soft - fds.open - FD_HEADROOM;
        notes.push(
          `skipped ${size} subscribers: the gateway's process needs about ${needed} file descriptors (1 per connection, the server end, + ${fds.open} open now + ${FD_HEADROOM} headroom) but the open-files limit (ulimit -n) is ${fds.soft}; ${raise}. At most ${fits} fit now (BENCH_SUBSCRIBERS=${fits})`,
        );
        console.log(`subscriptions: ${notes.at(-1)}`);
        continue;
      }
    } else if (i === 0) {
      notes.push(
        `could not read the open-files limit (no /proc): running unchecked; ~1 descriptor per subscriber is needed in the gateway's process, and in each client process per socket it holds (up to ${perProcess})`,
      );
    }
    try {
      const result = await level(gateway, setup, size, baseline, perProcess);
      const left = await memories(gateway);
      result.heapRetained =
        left.gateway.heapUsed - baseline.gateway.heapUsed + left.subgraphs.heapUsed - baseline.subgraphs.heapUsed;
      results.push(result);
      console.log(
        `subscriptions: ${size} subscribers live in ${(result.liveMs / 1000).toFixed(1)} s; fan-out to the last p50 ${percentile(result.last, 50).toFixed(0)} ms, p95 ${percentile(result.last, 95).toFixed(0)} ms`,
      );
    } catch (error) {
      if (!(error instanceof LevelAborted)) throw error;
      notes.push(`aborted ${size} subscribers: ${error.message}`);
      console.log(`subscriptions: ${notes.at(-1)}`);
      failedAt = size;
      if (!(await gatewayDrained(gateway, CLOSE_DEADLINE_MS))) {
        notes.push(
          `stopped: the gateway still holds ${(await gateway.probe()).connections} client sockets, so the remaining levels would not start clean`,
        );
        break;
      }
    }
  }

  printReport(results, notes, perProcess);
}

/** `count` access tokens of `owner`: theirs, then one more per refresh (each rotation keeps the earlier access tokens valid until they expire). */
async function sessionTokens(
  stack: Stack,
  owner: { token: string; refreshToken: string },
  count: number,
): Promise<string[]> {
  const tokens = [owner.token];
  let refreshToken = owner.refreshToken;
  while (tokens.length < count) {
    const refreshed = await execute(stack.gateway.url, RefreshSessionDocument, { input: { refreshToken } });
    if (!refreshed.data) throw new Error(`refreshSession failed: ${JSON.stringify(refreshed.errors)}`);
    tokens.push(refreshed.data.refreshSession.accessToken);
    refreshToken = refreshed.data.refreshSession.refreshToken;
  }
  return tokens;
}
