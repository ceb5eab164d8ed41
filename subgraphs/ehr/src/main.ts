import { runSubgraph } from "@pawgraph/subgraph-kit";
import { ehrConfigFromEnv, startEhr } from "./app";

runSubgraph("ehr", ehrConfigFromEnv, startEhr);
