export { ordersConfigFromEnv, startOrders, type OrdersConfig } from "./app";
export { buildOrdersSchema } from "./schema";
export { PUBLISHED_EVENTS } from "./events";
