// The bench's side of the gateway process (bench/gateway-process.ts): forks it, drives it over IPC, and reads
// its memory, CPU, client sockets and descriptors next to this process's (the subgraphs').
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { jwksUrlOf, subgraphUrls, type Stack } from "../e2e/harness";
import type { GatewayProbe, GatewayReply, GatewayRequest } from "./gateway-process";
import { settledMemory } from "./process-stats";
import { LevelAborted, running, sleep } from "./subscription-bounds";

const GATEWAY_SCRIPT = join(__dirname, "gateway-process.ts");

/** Memory read in both processes: the gateway's and this one (the subgraphs'). */
export interface Memories {
  gateway: NodeJS.MemoryUsage;
  subgraphs: NodeJS.MemoryUsage;
}

/** A request before it is numbered (distributes over the union's members). */
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

/** The gateway in its own process (bench/gateway-process.ts), routing to the stack's subgraphs in this one. */
export class GatewayProcess {
  url = "";
  wsUrl = "";
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly replies = new Map<
    number,
    { resolve: (reply: GatewayReply) => void; reject: (error: Error) => void }
  >();
  private readonly exited: Promise<void>;

  constructor() {
    this.child = fork(GATEWAY_SCRIPT, [], {
      cwd: process.cwd(),
      env: process.env,
      execArgv: [
        "--expose-gc",
        ...(process.env.BENCH_GATEWAY_NODE_ARGS ?? "").split(" ").filter(Boolean),
        "-r",
        "@swc-node/register",
      ],
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
        for (const waiting of this.replies.values())
          waiting.reject(new LevelAborted(`the gateway process exited (${signal ?? code})`));
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
    const urls = subgraphUrls(stack);
    const reply = await this.request({
      type: "start",
      urls,
      jwksUrl: jwksUrlOf(stack),
    });
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
export async function memories(gateway: GatewayProcess): Promise<Memories> {
  const [probe, subgraphs] = await Promise.all([gateway.probe(true), settledMemory()]);
  return { gateway: probe.memory, subgraphs };
}

/** Polls until the gateway holds no client socket; false when `ms` passed first. */
export async function gatewayDrained(gateway: GatewayProcess, ms: number): Promise<boolean> {
  const until = performance.now() + ms;
  while ((await gateway.probe()).connections > 0) {
    if (performance.now() > until) return false;
    await sleep(50);
  }
  return true;
}
