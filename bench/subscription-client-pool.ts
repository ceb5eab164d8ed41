// The client side of the subscription bench: the forked client processes (bench/subscription-clients.ts)
// holding the N subscriber sockets, driven over IPC, with their receive times put on this process's clock.
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { ClientsConfig, ClientsEvent, ClientsReply, ClientsReport, ClientsRequest } from "./subscription-clients";
import { LevelAborted, running, sleep, within } from "./subscription-bounds";

const CLIENT_SCRIPT = join(__dirname, "subscription-clients.ts");
const CLIENT_START_DEADLINE_MS = 30_000;
/** Clock comparisons per client process at start; the one with the shortest round trip counts. */
export const CLOCK_PINGS = 5;

/** One message being fanned out: which client processes have it everywhere, and when the first and last subscriber got it (this process's performance.now()). */
interface Delivery {
  first: number;
  last: number;
  complete: Set<number>;
  done: () => void;
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
export class Clients {
  readonly processes: ClientProcess[] = [];
  private nextId = 1;
  private readonly deliveries = new Map<string, Delivery>();
  private onProgress?: () => void;
  private stopping = false;
  private closed = false;
  failure?: string;
  private onFailure?: (message: string) => void;
  /** Rejects as soon as any socket fails (error, unexpected close, subscription error or completion) or a client process dies. */
  readonly failed = new Promise<never>(
    (_, reject) => (this.onFailure = (message) => reject(new LevelAborted(message))),
  );
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
      Promise.all(
        this.processes.flatMap((p) => {
          const message = request(p);
          return message ? [this.request(p, message)] : [];
        }),
      ),
      this.failed,
    ]);
  }

  /** Waits for every client process, hands it its share, checks its descriptors, and compares clocks. */
  async start(config: Omit<ClientsConfig, "size" | "from">, fdLimit: number | undefined): Promise<void> {
    const starting = () => `client processes did not start within ${CLIENT_START_DEADLINE_MS / 1000} s`;
    await within(
      Promise.race([Promise.all(this.processes.map((p) => p.ready)), this.failed]),
      CLIENT_START_DEADLINE_MS,
      starting,
    );
    const replies = await within(
      this.all((p) => ({ type: "start", ...config, size: p.share, from: p.from })),
      CLIENT_START_DEADLINE_MS,
      starting,
    );
    for (const [i, reply] of replies.entries()) {
      const p = this.processes[i]!;
      p.started = reply.report;
      const fds = reply.report?.fds;
      if (fdLimit !== undefined && fds !== undefined && fds + p.share > fdLimit) {
        throw new LevelAborted(
          `client process ${i} holds ${fds} descriptors already and cannot open ${p.share} sockets under the open-files limit ${fdLimit}`,
        );
      }
    }
    for (const p of this.processes) {
      let best = { rtt: Infinity, offset: 0 };
      for (let ping = 0; ping < CLOCK_PINGS; ping++) {
        const sent = performance.timeOrigin + performance.now();
        const reply = await within(
          Promise.race([this.request(p, { type: "clock" }), this.failed]),
          CLIENT_START_DEADLINE_MS,
          starting,
        );
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
    const count = () =>
      this.processes.reduce((sum, p) => sum + (delivery.complete.has(p.index) ? p.share : (p.counts[text] ?? 0)), 0);
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
    const closing = Promise.allSettled(
      this.processes.filter((p) => p.isReady && !p.gone).map((p) => this.request(p, { type: "close", deadlineMs })),
    );
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
