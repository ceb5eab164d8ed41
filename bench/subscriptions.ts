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
import { fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { SendMessageDocument, StartConversationDocument } from "../clients/__generated__/graphql";
import { ownerWithPet } from "../e2e/bookings-fixtures";
import { execute, registerClinic, registerClinicMember, type Stack } from "../e2e/harness";
import type { GatewayProbe, GatewayReply, GatewayRequest } from "./gateway-process";
import { fileDescriptors, settledMemory } from "./process-stats";
import type { ClientsConfig, ClientsEvent, ClientsReply, ClientsReport, ClientsRequest } from "./subscription-clients";

const LEVELS = (process.env.BENCH_SUBSCRIBERS ?? "1000,5000,10000")
  .split(",")
  .map((n) => Number(n.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const MESSAGES = Number(process.env.BENCH_SUBSCRIPTION_MESSAGES ?? 20);
/** Sockets opened at once: enough to be quick, few enough not to flood loopback's accept queue. */
const BATCH = 200;
const SUBSCRIBE_DEADLINE_MS = 120_000;
const DELIVERY_DEADLINE_MS = 30_000;
const CLOSE_DEADLINE_MS = 60_000;
/** Probes are sent this often until every subscriber has received one (subscriptions go live asynchronously). */
const PROBE_EVERY_MS = 1_000;
/** File descriptors kept free beyond the sockets: HTTP keep-alive, database pools, upstream sockets (~90 seen at 5000). */
const FD_HEADROOM = 200;
/** Sockets per client process: each holds one descriptor per socket, well under the open-files limit. */
const PER_PROCESS = Number(process.env.BENCH_SUBSCRIBERS_PER_PROCESS ?? 5000);
/** Descriptors a client process needs beyond its sockets (stdio, IPC, libuv, swc): ~25 seen. */
const CLIENT_FD_HEADROOM = 100;
const CLIENT_SCRIPT = join(__dirname, "subscription-clients.ts");
const GATEWAY_SCRIPT = join(__dirname, "gateway-process.ts");
const CLIENT_START_DEADLINE_MS = 30_000;
/** Clock comparisons per client process at start; the one with the shortest round trip counts. */
const CLOCK_PINGS = 5;
const QUERY = "subscription($id: ID!) { messageAdded(conversationId: $id) { id text sentAt } }";

class LevelAborted extends Error {}

interface LevelResult {
  subscribers: number;
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

/** One message being fanned out: which client processes have it everywhere, and when the first and last subscriber got it (this process's performance.now()). */
interface Delivery {
  first: number;
  last: number;
  complete: Set<number>;
  done: () => void;
}

/** Client processes still running, killed when this process exits whatever happened (they also exit when it does, on IPC disconnect). */
const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Nearest-rank percentile of `values` (0 < p ≤ 100). */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Waits for `promise`, or fails the level with `message` after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new LevelAborted(message())), Math.max(0, ms))))]);
  } finally {
    clearTimeout(timer);
  }
}

/** One forked client process holding subscribers [from, from + share). */
interface ClientProcess {
  index: number;
  child: ChildProcess;
  from: number;
  share: number;
  opened: number;
  live: number;
  /** Latest progress: how many of its subscribers have each expected text. */
  counts: Record<string, number>;
  replies: Map<number, { resolve: (reply: ClientsReply) => void; reject: (error: Error) => void }>;
  ready: Promise<void>;
  /** It said ready: it listens for requests (one sent earlier could be lost). */
  isReady: boolean;
  exited: Promise<void>;
  gone: boolean;
  /** Right after start (memory) and at the last report. */
  started?: ClientsReport;
  /** Its clock (performance.timeOrigin + performance.now()) − this process's, in ms. */
  clockOffset: number;
}

/**
 * N graphql-transport-ws subscribers of one conversation, spread over client processes of at most
 * `perProcess` sockets each (bench/subscription-clients.ts). The processes keep the receive times
 * (performance.timeOrigin + performance.now()) and report the first and last per message; this class
 * turns them into this process's performance.now(). Both run on the machine's one monotonic clock, but
 * performance.timeOrigin is the wall clock read once at each process's start, so the two can differ by
 * a constant (up to ~7 ms seen, after minutes of running): it is measured per client process at its
 * start (IPC ping with the shortest round trip) and taken off its receive times.
 */
class Clients {
  readonly processes: ClientProcess[] = [];
  private nextId = 1;
  private readonly deliveries = new Map<string, Delivery>();
  private onProgress?: () => void;
  private stopping = false;
  private closed = false;
  failure?: string;
  private onFailure?: (message: string) => void;
  /** Rejects as soon as any socket fails (error, unexpected close, subscription error or completion) or a client process dies. */
  readonly failed = new Promise<never>((_, reject) => (this.onFailure = (message) => reject(new LevelAborted(message))));
  clockUncertainty = 0;

  constructor(
    readonly size: number,
    perProcess: number,
  ) {
    this.failed.catch(() => undefined);
    const count = Math.ceil(size / perProcess);
    let from = 0;
    for (let index = 0; index < count; index++) {
      const share = Math.floor(size / count) + (index < size % count ? 1 : 0);
      this.processes.push(this.spawn(index, from, share));
      from += share;
    }
  }

  get opened(): number {
    return this.processes.reduce((sum, p) => sum + p.opened, 0);
  }

  get liveCount(): number {
    return this.processes.reduce((sum, p) => sum + p.live, 0);
  }

  private fail(message: string): void {
    if (this.stopping || this.failure) return;
    this.failure = message;
    this.onFailure?.(message);
  }

  private spawn(index: number, from: number, share: number): ClientProcess {
    const child = fork(CLIENT_SCRIPT, [], {
      cwd: process.cwd(),
      env: process.env,
      execArgv: ["--expose-gc", "-r", "@swc-node/register"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    running.add(child);
    let ready!: () => void;
    let exited!: () => void;
    const p: ClientProcess = {
      index,
      child,
      from,
      share,
      opened: 0,
      live: 0,
      counts: {},
      replies: new Map(),
      ready: new Promise((resolve) => (ready = resolve)),
      isReady: false,
      exited: new Promise((resolve) => (exited = resolve)),
      gone: false,
      clockOffset: 0,
    };
    child.on("message", (event: ClientsEvent) => {
      switch (event.type) {
        case "ready":
          p.isReady = true;
          ready();
          break;
        case "reply": {
          const waiting = p.replies.get(event.id);
          p.replies.delete(event.id);
          if (event.report) {
            p.opened = event.report.opened;
            p.live = event.report.live;
          }
          if (event.error) waiting?.reject(new LevelAborted(`client process ${index}: ${event.error}`));
          else waiting?.resolve(event);
          break;
        }
        case "progress":
          p.opened = event.opened;
          p.live = event.live;
          p.counts = event.counts;
          this.onProgress?.();
          break;
        case "delivered": {
          const delivery = this.deliveries.get(event.text);
          if (!delivery) break;
          delivery.first = Math.min(delivery.first, event.first - p.clockOffset - performance.timeOrigin);
          delivery.last = Math.max(delivery.last, event.last - p.clockOffset - performance.timeOrigin);
          delivery.complete.add(index);
          if (delivery.complete.size === this.processes.length) delivery.done();
          break;
        }
        case "failed":
          this.fail(`client process ${index}: ${event.message}`);
          break;
      }
    });
    child.on("error", (error) => this.fail(`client process ${index}: ${error.message}`));
    child.on("exit", (code, signal) => {
      p.gone = true;
      running.delete(child);
      const message = `client process ${index} (subscribers ${from}–${from + share - 1}) exited with ${signal ?? `code ${code}`}`;
      for (const waiting of p.replies.values()) waiting.reject(new LevelAborted(message));
      p.replies.clear();
      this.fail(message);
      exited();
    });
    return p;
  }

  /** Sends `request` to client process `p` and resolves with its reply (rejects when the process exits first). */
  private request(p: ClientProcess, request: ClientsRequest): Promise<ClientsReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (p.gone || !p.child.connected) return reject(new LevelAborted(`client process ${p.index} is gone`));
      p.replies.set(id, { resolve, reject });
      p.child.send({ ...request, id }, (error) => {
        if (!error) return;
        p.replies.delete(id);
        reject(new LevelAborted(`client process ${p.index}: ${error.message}`));
      });
    });
  }

  private all(request: (p: ClientProcess) => ClientsRequest | undefined): Promise<ClientsReply[]> {
    return Promise.race([
      Promise.all(this.processes.flatMap((p) => {
        const message = request(p);
        return message ? [this.request(p, message)] : [];
      })),
      this.failed,
    ]);
  }

  /** Waits for every client process, hands it its share, checks its descriptors, and compares clocks. */
  async start(config: Omit<ClientsConfig, "size" | "from">, fdLimit: number | undefined): Promise<void> {
    const starting = () => `client processes did not start within ${CLIENT_START_DEADLINE_MS / 1000} s`;
    await within(Promise.race([Promise.all(this.processes.map((p) => p.ready)), this.failed]), CLIENT_START_DEADLINE_MS, starting);
    const replies = await within(this.all((p) => ({ type: "start", ...config, size: p.share, from: p.from })), CLIENT_START_DEADLINE_MS, starting);
    for (const [i, reply] of replies.entries()) {
      const p = this.processes[i]!;
      p.started = reply.report;
      const fds = reply.report?.fds;
      if (fdLimit !== undefined && fds !== undefined && fds + p.share > fdLimit) {
        throw new LevelAborted(`client process ${i} holds ${fds} descriptors already and cannot open ${p.share} sockets under the open-files limit ${fdLimit}`);
      }
    }
    for (const p of this.processes) {
      let best = { rtt: Infinity, offset: 0 };
      for (let ping = 0; ping < CLOCK_PINGS; ping++) {
        const sent = performance.timeOrigin + performance.now();
        const reply = await within(Promise.race([this.request(p, { type: "clock" }), this.failed]), CLIENT_START_DEADLINE_MS, starting);
        const back = performance.timeOrigin + performance.now();
        if (back - sent < best.rtt) best = { rtt: back - sent, offset: reply.now! - (sent + back) / 2 };
      }
      p.clockOffset = best.offset;
      this.clockUncertainty = Math.max(this.clockUncertainty, best.rtt / 2);
    }
  }

  /** Opens subscribers [from, from + count) (any number of client processes' shares): resolves once each got `connection_ack` and sent `subscribe`. */
  async open(from: number, count: number): Promise<void> {
    await this.all((p) => {
      const n = Math.min(from + count, p.from + p.share) - Math.max(from, p.from);
      return n > 0 ? { type: "open", count: n } : undefined;
    });
  }

  /** Settles once every subscriber has received at least one message. */
  allLive(): Promise<void> {
    if (this.liveCount === this.size) return Promise.resolve();
    return new Promise((resolve) => {
      this.onProgress = () => {
        if (this.liveCount < this.size) return;
        this.onProgress = undefined;
        resolve();
      };
    });
  }

  /** Tracks `text` from now on, in every client process (acknowledged before this resolves); `everyone` settles when every subscriber has it. */
  async expect(text: string): Promise<{ delivery: Delivery; everyone: Promise<void>; count: () => number }> {
    let done!: () => void;
    const everyone = new Promise<void>((resolve) => (done = resolve));
    const delivery: Delivery = { first: Infinity, last: -Infinity, complete: new Set(), done };
    this.deliveries.set(text, delivery);
    await this.all(() => ({ type: "expect", text }));
    const count = () => this.processes.reduce((sum, p) => sum + (delivery.complete.has(p.index) ? p.share : (p.counts[text] ?? 0)), 0);
    return { delivery, everyone, count };
  }

  async forget(text: string): Promise<void> {
    this.deliveries.delete(text);
    await this.all(() => ({ type: "forget", text }));
  }

  /** Every client process's memory (after gc), CPU time and descriptors. */
  async report(): Promise<ClientsReport[]> {
    const replies = await this.all(() => ({ type: "report" }));
    return replies.map((reply) => reply.report!);
  }

  /**
   * Closes every socket (close handshake) and waits until the client processes have seen them closed; from
   * here on sockets closing and processes exiting are expected. Returns how many had to be terminated.
   */
  async close(deadlineMs: number): Promise<number> {
    this.stopping = true;
    if (this.closed) return 0;
    this.closed = true;
    const closing = Promise.allSettled(this.processes.filter((p) => p.isReady && !p.gone).map((p) => this.request(p, { type: "close", deadlineMs })));
    const settled = await Promise.race([closing, sleep(deadlineMs + 10_000).then(() => undefined)]);
    return (settled ?? []).reduce((sum, s) => sum + (s.status === "fulfilled" ? (s.value.terminated ?? 0) : 0), 0);
  }

  /** Kills every client process (their sockets, if any are left, close with them) and waits until they are gone. */
  async kill(): Promise<void> {
    this.stopping = true;
    for (const p of this.processes) if (!p.gone) p.child.kill("SIGKILL");
    await Promise.race([Promise.all(this.processes.map((p) => p.exited)), sleep(5_000)]);
  }
}

/** Memory read in both processes: the gateway's and this one (the subgraphs'). */
interface Memories {
  gateway: NodeJS.MemoryUsage;
  subgraphs: NodeJS.MemoryUsage;
}

/** A request before it is numbered (distributes over the union's members). */
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

/** The gateway in its own process (bench/gateway-process.ts), routing to the stack's subgraphs in this one. */
class GatewayProcess {
  url = "";
  wsUrl = "";
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly replies = new Map<number, { resolve: (reply: GatewayReply) => void; reject: (error: Error) => void }>();
  private readonly exited: Promise<void>;

  constructor() {
    this.child = fork(GATEWAY_SCRIPT, [], {
      cwd: process.cwd(),
      env: process.env,
      execArgv: ["--expose-gc", ...(process.env.BENCH_GATEWAY_NODE_ARGS ?? "").split(" ").filter(Boolean), "-r", "@swc-node/register"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    running.add(this.child);
    this.child.on("message", (reply: GatewayReply) => {
      const waiting = this.replies.get(reply.id);
      this.replies.delete(reply.id);
      if (reply.error) waiting?.reject(new Error(`gateway process: ${reply.error}`));
      else waiting?.resolve(reply);
    });
    this.exited = new Promise((resolve) =>
      this.child.on("exit", (code, signal) => {
        running.delete(this.child);
        for (const waiting of this.replies.values()) waiting.reject(new LevelAborted(`the gateway process exited (${signal ?? code})`));
        this.replies.clear();
        resolve();
      }),
    );
  }

  private request(request: WithoutId<GatewayRequest>): Promise<GatewayReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.replies.set(id, { resolve, reject });
      this.child.send({ ...request, id });
    });
  }

  async start(stack: Stack): Promise<void> {
    const urls = { identity: stack.identity.url, pets: stack.pets.url, ehr: stack.ehr.url, bookings: stack.bookings.url, messaging: stack.messaging.url };
    const reply = await this.request({ type: "start", urls, jwksUrl: new URL("/.well-known/jwks.json", stack.identity.url).toString() });
    this.url = reply.url!;
    this.wsUrl = reply.wsUrl!;
  }

  /** Memory (after collecting garbage when `settle`), CPU, client sockets and descriptors of the gateway's process. */
  async probe(settle = false): Promise<GatewayProbe> {
    return (await this.request({ type: "probe", settle })).probe!;
  }

  async stop(): Promise<void> {
    this.child.disconnect();
    await Promise.race([this.exited, sleep(5_000)]);
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
  }
}

/** Both processes' memory after garbage collection. */
async function memories(gateway: GatewayProcess): Promise<Memories> {
  const [probe, subgraphs] = await Promise.all([gateway.probe(true), settledMemory()]);
  return { gateway: probe.memory, subgraphs };
}

/** Polls until the gateway holds no client socket; false when `ms` passed first. */
async function gatewayDrained(gateway: GatewayProcess, ms: number): Promise<boolean> {
  const until = performance.now() + ms;
  while ((await gateway.probe()).connections > 0) {
    if (performance.now() > until) return false;
    await sleep(50);
  }
  return true;
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
async function level(
  gateway: GatewayProcess,
  setup: { token: string; senderToken: string; conversationId: string; run: string },
  size: number,
  baseline: Memories,
  perProcess: number,
  messages = MESSAGES,
): Promise<LevelResult> {
  const { token, senderToken, conversationId, run } = setup;
  const clients = new Clients(size, perProcess);
  try {
    await clients.start({ url: gateway.wsUrl, token, conversationId, query: QUERY }, fileDescriptors()?.soft);

    // Connect and subscribe, BATCH sockets at a time (over all client processes together).
    const started = performance.now();
    const deadline = started + SUBSCRIBE_DEADLINE_MS;
    const slow = () => `subscribing ${size} took over ${SUBSCRIBE_DEADLINE_MS / 1000} s (${clients.opened} sockets opened, ${clients.liveCount} confirmed live)`;
    for (let i = 0; i < size; i += BATCH) {
      await within(clients.open(i, Math.min(BATCH, size - i)), deadline - performance.now(), slow);
    }
    const connectMs = performance.now() - started;

    // Subscriptions go live asynchronously (gateway → messaging → its pub/sub): probe until everyone got one.
    let probes = 0;
    while (clients.liveCount < size) {
      if (performance.now() > deadline) throw new LevelAborted(slow());
      await within(Promise.race([send(gateway, senderToken, conversationId, `probe ${++probes} (${run})`), clients.failed]), deadline - performance.now(), slow);
      await Promise.race([clients.allLive(), clients.failed, sleep(PROBE_EVERY_MS)]);
    }
    const liveMs = performance.now() - started;
    const fdsOpen = (await gateway.probe()).fds?.open;

    // One warm-up message that must reach everyone, so late probe deliveries do not overlap the measurement.
    const warmupText = `warm-up (${run})`;
    const warmup = await within(clients.expect(warmupText), DELIVERY_DEADLINE_MS, () => `client processes did not acknowledge within ${DELIVERY_DEADLINE_MS / 1000} s`);
    await within(
      Promise.race([send(gateway, senderToken, conversationId, warmupText).then(() => warmup.everyone), clients.failed]),
      DELIVERY_DEADLINE_MS,
      () => `warm-up message reached ${warmup.count()} of ${size} subscribers within ${DELIVERY_DEADLINE_MS / 1000} s`,
    );
    await clients.forget(warmupText);
    const after = await memories(gateway);
    const clientsLive = await within(clients.report(), DELIVERY_DEADLINE_MS, () => `client processes did not report within ${DELIVERY_DEADLINE_MS / 1000} s`);

    // Fan-out: one message at a time, from just before the mutation is issued to the last subscriber in any client process.
    const first: number[] = [];
    const last: number[] = [];
    const mutation: number[] = [];
    const cpuBefore = process.cpuUsage();
    const gatewayCpuBefore = (await gateway.probe()).cpu;
    for (let m = 1; m <= messages; m++) {
      const text = `fan-out ${m} of ${messages} (${run})`;
      const { delivery, everyone, count } = await within(clients.expect(text), DELIVERY_DEADLINE_MS, () => `client processes did not acknowledge message ${m} within ${DELIVERY_DEADLINE_MS / 1000} s`);
      const published = performance.now();
      const sent = send(gateway, senderToken, conversationId, text).then(() => mutation.push(performance.now() - published));
      await within(Promise.race([Promise.all([sent, everyone]), clients.failed]), DELIVERY_DEADLINE_MS, () => `message ${m} reached ${count()} of ${size} subscribers within ${DELIVERY_DEADLINE_MS / 1000} s`);
      first.push(delivery.first - published);
      last.push(delivery.last - published);
      await clients.forget(text);
    }
    const cpu = process.cpuUsage(cpuBefore);
    const gatewayCpuAfter = (await gateway.probe()).cpu;
    const gatewayCpu = gatewayCpuAfter.user - gatewayCpuBefore.user + gatewayCpuAfter.system - gatewayCpuBefore.system;
    const clientsAfter = await within(clients.report(), DELIVERY_DEADLINE_MS, () => `client processes did not report within ${DELIVERY_DEADLINE_MS / 1000} s`);
    const clientCpu = clientsAfter.reduce((sum, r, i) => sum + (r.cpu.user - clientsLive[i]!.cpu.user) + (r.cpu.system - clientsLive[i]!.cpu.system), 0);

    const closing = performance.now();
    const terminated = await clients.close(CLOSE_DEADLINE_MS);
    if (terminated) throw new LevelAborted(`${terminated} client sockets did not close within ${CLOSE_DEADLINE_MS / 1000} s and were terminated`);
    if (!(await gatewayDrained(gateway, CLOSE_DEADLINE_MS))) throw new LevelAborted(`the gateway still holds ${(await gateway.probe()).connections} client sockets ${CLOSE_DEADLINE_MS / 1000} s after closing`);
    const closeMs = performance.now() - closing;
    const clientFds = clientsLive.map((r) => r.fds).filter((fds) => fds !== undefined);
    return {
      subscribers: size,
      processes: clients.processes.length,
      connectMs,
      liveMs,
      heapPerConnection: (after.gateway.heapUsed - baseline.gateway.heapUsed) / size,
      rssPerConnection: (after.gateway.rss - baseline.gateway.rss) / size,
      subgraphsHeapPerConnection: (after.subgraphs.heapUsed - baseline.subgraphs.heapUsed) / size,
      clientRssPerConnection: clientsLive.reduce((sum, r, i) => sum + r.memory.rss - (clients.processes[i]!.started?.memory.rss ?? NaN), 0) / size,
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
  const started = await execute(stack.gateway.url, StartConversationDocument, { input: { clinicId, petId, subject: "Bench", text: "Fan-out benchmark" } }, owner.token);
  if (!started.data) throw new Error(`startConversation failed: ${JSON.stringify(started.errors)}`);
  const setup = { token: owner.token, senderToken: vet.token, conversationId: started.data.startConversation.id, run: randomUUID().slice(0, 8) };

  if (!LEVELS.length) {
    console.log(`\nsubscriptions: nothing to run (BENCH_SUBSCRIBERS=${JSON.stringify(process.env.BENCH_SUBSCRIBERS)} holds no positive whole number)`);
    return;
  }
  const results: LevelResult[] = [];
  const notes: string[] = [];
  if (!(globalThis as { gc?: unknown }).gc) notes.push("global.gc is not exposed (run through bench/start.mjs, which passes --expose-gc): memory deltas include uncollected garbage");
  let perProcess = Number.isInteger(PER_PROCESS) && PER_PROCESS > 0 ? PER_PROCESS : 5000;
  if (perProcess !== PER_PROCESS) notes.push(`BENCH_SUBSCRIBERS_PER_PROCESS=${JSON.stringify(process.env.BENCH_SUBSCRIBERS_PER_PROCESS)} is not a positive whole number: ${perProcess} sockets per client process`);
  const limits = fileDescriptors();
  if (limits && perProcess + CLIENT_FD_HEADROOM > limits.soft) {
    // Client processes inherit this process's open-files limit: one descriptor per socket, plus their own few.
    perProcess = Math.max(1, limits.soft - CLIENT_FD_HEADROOM);
    notes.push(`${PER_PROCESS} sockets per client process do not fit the open-files limit ${limits.soft}: ${perProcess} per process`);
  }
  // An unreported warm-up round: JIT, first-use caches, and the memory the earlier sections left to be returned,
  // so the first level's figures are not skewed by them.
  try {
    await level(gateway, { ...setup, run: `${setup.run} warm-up` }, Math.min(BATCH, ...LEVELS), await memories(gateway), perProcess, 3);
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
      notes.push(`could not read the open-files limit (no /proc): running unchecked; ~1 descriptor per subscriber is needed in the gateway's process, and in each client process per socket it holds (up to ${perProcess})`);
    }
    try {
      const result = await level(gateway, setup, size, baseline, perProcess);
      const left = await memories(gateway);
      result.heapRetained = left.gateway.heapUsed - baseline.gateway.heapUsed + left.subgraphs.heapUsed - baseline.subgraphs.heapUsed;
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
        notes.push(`stopped: the gateway still holds ${(await gateway.probe()).connections} client sockets, so the remaining levels would not start clean`);
        break;
      }
    }
  }

  console.log(
    `\nsubscriptions: messageAdded of one conversation, N sockets to the one gateway from client processes of at most ${perProcess} sockets each, ${MESSAGES} messages sent one at a time (loopback; the gateway in its own process, the subgraphs in the bench's)`,
  );
  if (results.length) {
    console.table(
      results.map((r) => ({
        subscribers: r.subscribers,
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
        .join("; ")} (each ± ${Math.max(...results.map((r) => r.clockUncertainty)).toFixed(2)} ms or better: half the shortest of ${CLOCK_PINGS} IPC round trips)`,
    );
  }
  for (const note of notes) console.log(`note: ${note}`);
}
