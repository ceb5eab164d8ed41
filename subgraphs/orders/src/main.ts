import { runSubgraph } from "@pawgraph/subgraph-kit";
import { ordersConfigFromEnv, startOrders } from "./app";

runSubgraph("orders", ordersConfigFromEnv, startOrders);
