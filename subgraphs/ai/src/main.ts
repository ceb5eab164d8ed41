import { runSubgraph } from "@pawgraph/subgraph-kit";
import { aiConfigFromEnv, startAi } from "./app";

runSubgraph("ai", aiConfigFromEnv, startAi);
