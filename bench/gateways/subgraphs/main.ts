// The Guild subgraphs as a process of their own, which bench/gateways/run.ts starts pinned to a CPU
// apart from the gateway's, so subgraph work is never counted as the gateway's. Listens on PORT.
import { serveGuildSubgraphs } from "./server";

serveGuildSubgraphs(Number(process.env.PORT ?? 4200)).then(
  (subgraphs) => process.send?.({ url: subgraphs.url }),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
process.on("disconnect", () => process.exit(0));
