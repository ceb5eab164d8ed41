import { runSubgraph } from "@pawgraph/subgraph-kit";
import { reportsConfigFromEnv, startReports } from "./app";

runSubgraph("reports", reportsConfigFromEnv, startReports);
