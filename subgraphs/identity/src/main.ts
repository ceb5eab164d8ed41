import { runSubgraph } from "@pawgraph/subgraph-kit";
import { identityConfigFromEnv, startIdentity } from "./app";

runSubgraph("identity", identityConfigFromEnv, startIdentity);
