import { runSubgraph } from "@pawgraph/subgraph-kit";
import { catalogConfigFromEnv, startCatalog } from "./app";

runSubgraph("catalog", catalogConfigFromEnv, startCatalog);
