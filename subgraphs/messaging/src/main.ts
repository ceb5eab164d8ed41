import { runSubgraph } from "@pawgraph/subgraph-kit";
import { messagingConfigFromEnv, startMessaging } from "./app";

runSubgraph("messaging", messagingConfigFromEnv, startMessaging);
