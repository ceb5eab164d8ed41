// One level of the subscription bench, measured: N subscribers connected and live, messages fanned out one
// at a time, everything closed again, and the figures of all three kinds of process gathered.
import { SendMessageDocument } from "../clients/__generated__/graphql";
import { execute } from "../e2e/harness";
import { gatewayDrained, memories, type GatewayProcess, type Memories } from "./gateway-driver";
import { fileDescriptors } from "./process-stats";
import { LevelAborted, sleep, within } from "./subscription-bounds";
import { Clients } from "./subscription-client-pool";

export const MESSAGES = Number(process.env.BENCH_SUBSCRIPTION_MESSAGES ?? 20);
/** Sockets opened at once: enough to be quick, few enough not to flood loopback's accept queue. */
export const BATCH = 200;
const SUBSCRIBE_DEADLINE_MS = 120_000;
const DELIVERY_DEADLINE_MS = 30_000;
export const CLOSE_DEADLINE_MS = 60_000;
/** Probes are sent this often until every subscriber has received one (subscriptions go live asynchronously). */
const PROBE_EVERY_MS = 1_000;
const QUERY = "subscription($id: ID!) { messageAdded(conversationId: $id) { id text sentAt } }";

export interface LevelResult {
  subscribers: number;
  /** Distinct access tokens over the subscribers (sessions of the conversation's owner): the gateway shares one execution per token. */
  tokens: number;
  connectMs: number;
  liveMs: number;
  /** The gateway process's heap and RSS with all N subscribed, less its baseline, over N. */
  heapPerConnection: number;
  rssPerConnection: number;
  /** The same for this process: the subgraphs (messaging's per-subscription state). */
  subgraphsHeapPerConnection: number;
  first: number[];
  last: number[];
  mutation: number[];
  /** The gateway process's user + system time per fan-out message. */
  cpuPerMessage: number;
  /** This process's (the subgraphs'). */
  subgraphsCpuPerMessage: number;
  closeMs: number;
  /** Heap still in use after the level closed, over the baseline (what the gateway and subgraphs kept), measured once the clients are unreachable. */
  heapRetained: number;
  /** File descriptors open in the gateway's process with all N subscribed (Linux), to check the 1-per-connection estimate. */
  fdsOpen?: number;
  /** The most file descriptors one client process held with all N subscribed (Linux). */
  clientFdsOpen?: number;
  processes: number;
  /** Client processes' RSS with all N subscribed − the same right after they started, over N. */
  clientRssPerConnection: number;
  /** Client processes' user + system time per fan-out message, summed over them. */
  clientCpuPerMessage: number;
  /** Each client process's clock − this one's (ms), measured at its start and subtracted from its receive times. */
  clockOffsets: number[];
  /** Half the shortest IPC round trip, the largest over the client processes: how far an offset estimate can be off. */
  clockUncertainty: number;
}

async function send(gateway: GatewayProcess, token: string, conversationId: string, text: string): Promise<void> {
  const sent = await execute(gateway.url, SendMessageDocument, { input: { conversationId, text } }, token);
  if (sent.errors || !sent.data) throw new LevelAborted(`sendMessage failed: ${JSON.stringify(sent.errors)}`);
}

/**
 * One level: `size` subscribers in client processes of at most `perProcess` sockets, `messages` fanned out,
 * everything closed and the client processes killed again. Memory is the gateway process's and this one's (the
 * subgraphs'), compared with `baseline`, taken once with no socket open: a baseline per level would sit on the
 * pages the previous, larger level left resident, and under-count RSS.
 */
export async function level(
  gateway: GatewayProcess,
  setup: { tokens: string[]; senderToken: string; conversationId: string; run: string },
  size: number,
  baseline: Memories,
  perProcess: number,
  messages = MESSAGES,
): Promise<LevelResult> {
  const { tokens, senderToken, conversationId, run } = setup;
  const clients = new Clients(size, perProcess);
  try {
    await clients.start({ url: gateway.wsUrl, tokens, conversationId, query: QUERY }, fileDescriptors()?.soft);

    // Connect and subscribe, BATCH sockets at a time (over all client processes together).
    const started = performance.now();
    const deadline = started + SUBSCRIBE_DEADLINE_MS;
    const slow = () =>
      `subscribing ${size} took over ${SUBSCRIBE_DEADLINE_MS / 1000} s (${clients.opened} sockets opened, ${clients.liveCount} confirmed live)`;
    for (let i = 0; i < size; i += BATCH) {
      await within(clients.open(i, Math.min(BATCH, size - i)), deadline - performance.now(), slow);
    }
    const connectMs = performance.now() - started;

    // Subscriptions go live asynchronously (gateway → messaging → its pub/sub): probe until everyone got one.
    let probes = 0;
    while (clients.liveCount < size) {
      if (performance.now() > deadline) throw new LevelAborted(slow());
      await within(
        Promise.race([send(gateway, senderToken, conversationId, `probe ${++probes} (${run})`), clients.failed]),
        deadline - performance.now(),
        slow,
      );
      await Promise.race([clients.allLive(), clients.failed, sleep(PROBE_EVERY_MS)]);
    }
    const liveMs = performance.now() - started;
    const fdsOpen = (await gateway.probe()).fds?.open;

    // One warm-up message that must reach everyone, so late probe deliveries do not overlap the measurement.
    const warmupText = `warm-up (${run})`;
    const warmup = await within(
      clients.expect(warmupText),
      DELIVERY_DEADLINE_MS,
      () => `client processes did not acknowledge within ${DELIVERY_DEADLINE_MS / 1000} s`,
    );
    await within(
      Promise.race([
        send(gateway, senderToken, conversationId, warmupText).then(() => warmup.everyone),
        clients.failed,
      ]),
      DELIVERY_DEADLINE_MS,
      () => `warm-up message reached ${warmup.count()} of ${size} subscribers within ${DELIVERY_DEADLINE_MS / 1000} s`,
    );
    await clients.forget(warmupText);
    const after = await memories(gateway);
    const clientsLive = await within(
      clients.report(),
      DELIVERY_DEADLINE_MS,
      () => `client processes did not report within ${DELIVERY_DEADLINE_MS / 1000} s`,
    );

    // Fan-out: one message at a time, from just before the mutation is issued to the last subscriber in any client process.
    const first: number[] = [];
    const last: number[] = [];
    const mutation: number[] = [];
    const cpuBefore = process.cpuUsage();
    const gatewayCpuBefore = (await gateway.probe()).cpu;
    for (let m = 1; m <= messages; m++) {
      const text = `fan-out ${m} of ${messages} (${run})`;
      const { delivery, everyone, count } = await within(
        clients.expect(text),
        DELIVERY_DEADLINE_MS,
        () => `client processes did not acknowledge message ${m} within ${DELIVERY_DEADLINE_MS / 1000} s`,
      );
      const published = performance.now();
      const sent = send(gateway, senderToken, conversationId, text).then(() =>
        mutation.push(performance.now() - published),
      );
      await within(
        Promise.race([Promise.all([sent, everyone]), clients.failed]),
        DELIVERY_DEADLINE_MS,
        () => `message ${m} reached ${count()} of ${size} subscribers within ${DELIVERY_DEADLINE_MS / 1000} s`,
      );
      first.push(delivery.first - published);
      last.push(delivery.last - published);
      await clients.forget(text);
    }
    const cpu = process.cpuUsage(cpuBefore);
    const gatewayCpuAfter = (await gateway.probe()).cpu;
    const gatewayCpu = gatewayCpuAfter.user - gatewayCpuBefore.user + gatewayCpuAfter.system - gatewayCpuBefore.system;
    const clientsAfter = await within(
      clients.report(),
      DELIVERY_DEADLINE_MS,
      () => `client processes did not report within ${DELIVERY_DEADLINE_MS / 1000} s`,
    );
    const clientCpu = clientsAfter.reduce(
      (sum, r, i) => sum + (r.cpu.user - clientsLive[i]!.cpu.user) + (r.cpu.system - clientsLive[i]!.cpu.system),
      0,
    );

    const closing = performance.now();
    const terminated = await clients.close(CLOSE_DEADLINE_MS);
    if (terminated)
      throw new LevelAborted(
        `${terminated} client sockets did not close within ${CLOSE_DEADLINE_MS / 1000} s and were terminated`,
      );
    if (!(await gatewayDrained(gateway, CLOSE_DEADLINE_MS)))
      throw new LevelAborted(
        `the gateway still holds ${(await gateway.probe()).connections} client sockets ${CLOSE_DEADLINE_MS / 1000} s after closing`,
      );
    const closeMs = performance.now() - closing;
    const clientFds = clientsLive.map((r) => r.fds).filter((fds) => fds !== undefined);
    return {
      subscribers: size,
      tokens: new Set(tokens.slice(0, size)).size,
      processes: clients.processes.length,
      connectMs,
      liveMs,
      heapPerConnection: (after.gateway.heapUsed - baseline.gateway.heapUsed) / size,
      rssPerConnection: (after.gateway.rss - baseline.gateway.rss) / size,
      subgraphsHeapPerConnection: (after.subgraphs.heapUsed - baseline.subgraphs.heapUsed) / size,
      clientRssPerConnection:
        clientsLive.reduce((sum, r, i) => sum + r.memory.rss - (clients.processes[i]!.started?.memory.rss ?? NaN), 0) /
        size,
      first,
      last,
      mutation,
      cpuPerMessage: gatewayCpu / 1000 / messages,
      subgraphsCpuPerMessage: (cpu.user + cpu.system) / 1000 / messages,
      clientCpuPerMessage: clientCpu / 1000 / messages,
      closeMs,
      heapRetained: NaN,
      fdsOpen,
      clientFdsOpen: clientFds.length ? Math.max(...clientFds) : undefined,
      clockOffsets: clients.processes.map((p) => p.clockOffset),
      clockUncertainty: clients.clockUncertainty,
    };
  } finally {
    // On success the sockets are closed already; after an abort this releases every socket before the next level.
    // Either way the client processes are killed, so none outlives the level.
    await clients.close(CLOSE_DEADLINE_MS);
    await clients.kill();
  }
}
