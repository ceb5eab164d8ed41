export { reportsConfigFromEnv, startReports, type ReportsConfig } from "./app";
export { buildReportsSchema } from "./schema";
export { CONSUMED_EVENTS, FACT_EVENTS } from "./consumed-events";
export { PUBLISHED_EVENTS } from "./events";
// For tests that sign links the way reports does (an expired one, say).
export { ExportSigner } from "./export/export-signer";
export { EXPORT_PATH } from "./export/export.service";
export { PERSONAL_DATA } from "./personal-data";
