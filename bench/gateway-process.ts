// The gateway of the subscription bench in a process of its own (bench/gateway-driver.ts forks it with
// `--expose-gc -r @swc-node/register`), so the gateway's memory, CPU and file descriptors are measured
// apart from the subgraphs', which stay in the bench's process. Driven over IPC: started with the
// subgraphs' URLs, it answers probes. Exits when the parent goes away (IPC disconnect).
import { resolve } from "node:path";
import { DEFAULT_LIMITS, startGateway, type RunningGateway } from "@pawgraph/gateway";
import { createLogger, gatewaySecretFromEnv, revocationSettingsFor } from "@pawgraph/subgraph-kit";
import { fileDescriptors, settledMemory } from "./process-stats";

export type GatewayRequest =
  | { type: "start"; id: number; urls: Record<string, string>; jwksUrl: string }
  /** `settle`: collect garbage (twice, with a pause) before reading memory. */
  | { type: "probe"; id: number; settle: boolean };

export interface GatewayProbe {
  memory: NodeJS.MemoryUsage;
  cpu: NodeJS.CpuUsage;
  /** Client WebSockets open. */
  connections: number;
  fds?: { soft: number; hard: number; open: number };
}

export interface GatewayReply {
  type: "reply";
  id: number;
  url?: string;
  wsUrl?: string;
  probe?: GatewayProbe;
  error?: string;
}

let gateway: RunningGateway | undefined;

async function handle(request: GatewayRequest): Promise<Omit<GatewayReply, "type" | "id">> {
  switch (request.type) {
    case "start":
      gateway = await startGateway({
        port: 0,
        supergraphPath: resolve(__dirname, "../supergraph.graphql"),
        watchSupergraph: false,
        subgraphUrl: (name) => request.urls[name],
        jwksUrl: request.jwksUrl,
        revocations: revocationSettingsFor(request.jwksUrl, gatewaySecretFromEnv().secret),
        // The stack in the bench's process uses the same generated secret (.data/keys/gateway-secret).
        gatewaySecret: gatewaySecretFromEnv().secret,
        sandbox: false,
        introspection: false,
        corsOrigins: false,
        // Thousands of subscribers here are one user on one address: no cap per user, no budget per minute.
        limits: { ...DEFAULT_LIMITS, maxSocketsPerUser: 1_000_000, viewerCostPerMinute: 0, ipCostPerMinute: 0 },
        // WS_SHARE_SUBSCRIPTIONS=false measures one execution per subscription (docs/decisions/0056).
        shareSubscriptions: process.env.WS_SHARE_SUBSCRIPTIONS !== "false",
        log: createLogger("gateway"),
      });
      return { url: gateway.url, wsUrl: gateway.wsUrl };
    case "probe":
      if (!gateway) throw new Error("not started");
      return {
        probe: {
          memory: request.settle ? await settledMemory() : process.memoryUsage(),
          cpu: process.cpuUsage(),
          connections: gateway.subscriptions.connections,
          fds: fileDescriptors(),
        },
      };
  }
}

process.on("message", (request: GatewayRequest) => {
  handle(request).then(
    (reply) => process.send?.({ type: "reply", id: request.id, ...reply } satisfies GatewayReply),
    (error: unknown) =>
      process.send?.({
        type: "reply",
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies GatewayReply),
  );
});
process.on("disconnect", () => process.exit(0));
