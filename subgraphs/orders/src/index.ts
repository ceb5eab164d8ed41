export { ordersConfigFromEnv, startOrders, type OrdersConfig } from "./app";
export { buildOrdersSchema } from "./schema";
export { PUBLISHED_EVENTS } from "./events";
// For tests and benchmarks that run orders against a Stripe stand-in.
export { StripePaymentProvider, type StripeSettings } from "./payment/stripe-payment-provider";
export { carePlanSettingsFromEnv } from "./care-plan/care-plan.module";
export type { CarePlanScheduler, CarePlanSettings } from "./care-plan/care-plan.scheduler";
export { CONSUMED_EVENTS } from "./consumed-events";
export { PERSONAL_DATA } from "./personal-data";
