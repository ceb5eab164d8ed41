// One client process of the subscription bench (bench/subscription-client-pool.ts forks it with `-r @swc-node/register`):
// holds its share of the N raw `ws` sockets speaking graphql-transport-ws, so the stack's process keeps only
// the server ends (file descriptors, memory, CPU). Driven over the IPC channel; receive times are sent back
// as performance.timeOrigin + performance.now(), the same wall-clock-anchored monotonic clock the parent uses.
// Exits when the parent goes away (IPC disconnect), so it never outlives the bench.
import { readdirSync } from "node:fs";
import WebSocket from "ws";

export interface ClientsConfig {
  url: string;
  /** Access tokens, one per socket in turn: socket i (counted over all client processes) uses tokens[i % tokens.length]. */
  tokens: string[];
  conversationId: string;
  query: string;
  /** Sockets this process holds. */
  size: number;
  /** Global index of its first socket, for messages. */
  from: number;
}

export type ClientsRequest =
  | ({ type: "start" } & ClientsConfig)
  /** Opens the next `count` sockets; replies once each got `connection_ack` and sent `subscribe`. */
  | { type: "open"; count: number }
  | { type: "expect"; text: string }
  | { type: "forget"; text: string }
  | { type: "report" }
  | { type: "clock" }
  | { type: "close"; deadlineMs: number };

export interface ClientsReport {
  /** After global.gc() (the process runs with --expose-gc). */
  memory: NodeJS.MemoryUsage;
  cpu: NodeJS.CpuUsage;
  /** Descriptors open in this process (Linux /proc), undefined elsewhere. */
  fds?: number;
  opened: number;
  live: number;
}

export interface ClientsReply {
  type: "reply";
  id: number;
  report?: ClientsReport;
  /** performance.timeOrigin + performance.now() when the clock request was answered. */
  now?: number;
  /** Sockets that did not close within the deadline and were terminated. */
  terminated?: number;
  /** The request failed. */
  error?: string;
}

export type ClientsEvent =
  | { type: "ready" }
  | ClientsReply
  /** Throttled progress: sockets opened, subscribers live, and how many have each expected text. */
  | { type: "progress"; opened: number; live: number; counts: Record<string, number> }
  /** Every socket of this process has `text`: first and last receive times (timeOrigin + now, ms). */
  | { type: "delivered"; text: string; first: number; last: number }
  | { type: "failed"; message: string };

const PROGRESS_EVERY_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const clock = () => performance.timeOrigin + performance.now();

function emit(event: ClientsEvent): void {
  if (process.connected) process.send?.(event);
}

/** This process's share of the subscribers, counting what they receive. Kept cheap: one JSON.parse per frame. */
class Share {
  readonly sockets: WebSocket[] = [];
  private readonly live: Uint8Array;
  liveCount = 0;
  private readonly deliveries = new Map<string, { count: number; first: number; last: number }>();
  private closing = false;
  private failure?: string;
  private dirty = false;
  private readonly progress: NodeJS.Timeout;

  constructor(private readonly config: ClientsConfig) {
    this.live = new Uint8Array(config.size);
    this.progress = setInterval(() => this.flush(), PROGRESS_EVERY_MS);
    this.progress.unref();
  }

  private flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const counts: Record<string, number> = {};
    for (const [text, delivery] of this.deliveries) counts[text] = delivery.count;
    emit({ type: "progress", opened: this.sockets.length, live: this.liveCount, counts });
  }

  private fail(message: string): void {
    if (this.closing || this.failure) return;
    this.failure = message;
    emit({ type: "failed", message });
  }

  /** Opens the next `count` sockets: resolves once each got `connection_ack` and sent `subscribe`, or failed. */
  open(count: number): Promise<unknown> {
    const opening: Promise<void>[] = [];
    for (let i = 0; i < count && this.sockets.length < this.config.size; i++)
      opening.push(this.openOne(this.sockets.length));
    this.dirty = true;
    return Promise.allSettled(opening);
  }

  private openOne(index: number): Promise<void> {
    const { url, tokens, conversationId, query, from } = this.config;
    const token = tokens[(from + index) % tokens.length]!;
    const name = `subscriber ${from + index}`;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, "graphql-transport-ws", { perMessageDeflate: false });
      this.sockets.push(socket);
      socket.on("open", () =>
        socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } })),
      );
      socket.on("message", (data) => {
        const message = JSON.parse(String(data)) as { type: string; id?: string; payload?: unknown };
        switch (message.type) {
          case "connection_ack":
            socket.send(
              JSON.stringify({ id: "1", type: "subscribe", payload: { query, variables: { id: conversationId } } }),
            );
            resolve();
            break;
          case "next":
            this.received(
              index,
              message.payload as { data?: { messageAdded?: { text?: string | null } }; errors?: unknown[] },
            );
            break;
          case "ping":
            socket.send(JSON.stringify({ type: "pong" }));
            break;
          case "error":
          case "complete":
            this.fail(`${name}: subscription ended with ${message.type} ${JSON.stringify(message.payload ?? null)}`);
            break;
        }
      });
      socket.on("error", (error) => {
        reject(error);
        this.fail(`${name}: socket error ${error.message}`);
      });
      socket.on("close", (code, reason) => {
        const message = `${name}: socket closed ${code} ${String(reason)}`.trim();
        reject(new Error(message));
        this.fail(message);
      });
    });
  }

  private received(
    index: number,
    payload: { data?: { messageAdded?: { text?: string | null } }; errors?: unknown[] },
  ): void {
    const now = clock();
    if (payload.errors?.length)
      return this.fail(`subscriber ${this.config.from + index}: errors ${JSON.stringify(payload.errors)}`);
    const text = payload.data?.messageAdded?.text ?? "";
    this.dirty = true;
    if (!this.live[index]) {
      this.live[index] = 1;
      // All of this share live: said at once, so the parent's "all live" time is not held up by the throttle.
      if (++this.liveCount === this.config.size) this.flush();
    }
    const delivery = this.deliveries.get(text);
    if (!delivery) return;
    if (delivery.count === 0) delivery.first = now;
    if (++delivery.count === this.config.size) {
      delivery.last = now;
      emit({ type: "delivered", text, first: delivery.first, last: delivery.last });
    }
  }

  expect(text: string): void {
    this.deliveries.set(text, { count: 0, first: NaN, last: NaN });
  }

  forget(text: string): void {
    this.deliveries.delete(text);
  }

  async report(): Promise<ClientsReport> {
    return {
      memory: await settledMemory(),
      cpu: process.cpuUsage(),
      fds: openDescriptors(),
      opened: this.sockets.length,
      live: this.liveCount,
    };
  }

  /** Closes every socket (close handshake) and waits until each is closed; terminates the stragglers after `deadlineMs`. */
  async close(deadlineMs: number): Promise<number> {
    this.closing = true;
    clearInterval(this.progress);
    const closed = this.sockets.map((socket) =>
      socket.readyState === WebSocket.CLOSED
        ? Promise.resolve()
        : new Promise<void>((resolve) => socket.once("close", () => resolve())),
    );
    for (const socket of this.sockets) {
      if (socket.readyState === WebSocket.OPEN) socket.close(1000, "bench done");
      else if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
    }
    const all = Promise.all(closed);
    const timedOut = await Promise.race([all.then(() => false), sleep(deadlineMs).then(() => true)]);
    let terminated = 0;
    if (timedOut) {
      for (const socket of this.sockets) {
        if (socket.readyState !== WebSocket.CLOSED) {
          socket.terminate();
          terminated++;
        }
      }
      await Promise.race([all, sleep(5_000)]);
    }
    return terminated;
  }
}

async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await sleep(100);
  gc?.();
  return process.memoryUsage();
}

function openDescriptors(): number | undefined {
  try {
    return readdirSync("/proc/self/fd").length;
  } catch {
    return undefined;
  }
}

let share: Share | undefined;

async function handle(request: ClientsRequest & { id: number }): Promise<Omit<ClientsReply, "type" | "id">> {
  if (request.type === "start") {
    share ??= new Share(request);
    return { report: await share.report() };
  }
  if (request.type === "clock") return { now: clock() };
  if (request.type === "close" && !share) return { terminated: 0 };
  if (!share) throw new Error(`${request.type} before start`);
  switch (request.type) {
    case "open":
      await share.open(request.count);
      return {};
    case "expect":
      share.expect(request.text);
      return {};
    case "forget":
      share.forget(request.text);
      return {};
    case "report":
      return { report: await share.report() };
    case "close":
      return { terminated: await share.close(request.deadlineMs) };
  }
}

if (!process.send) {
  console.error(
    "bench/subscription-clients.ts is a child process of bench/subscriptions.ts (forked with an IPC channel); it does nothing on its own",
  );
  process.exit(1);
}
process.on("message", (request: ClientsRequest & { id: number }) => {
  handle(request).then(
    (result) => emit({ type: "reply", id: request.id, ...result }),
    (error: unknown) =>
      emit({
        type: "reply",
        id: request.id,
        error: `${request.type} failed: ${error instanceof Error ? error.message : String(error)}`,
      }),
  );
});
// The parent is gone (finished, crashed or killed): its sockets go with this process.
process.on("disconnect", () => process.exit(0));
emit({ type: "ready" });
