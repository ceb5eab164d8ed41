export { reportsConfigFromEnv, startReports, type ReportsConfig } from "./app";
export { buildReportsSchema } from "./schema";
export { CONSUMED_EVENTS } from "./consumed-events";
