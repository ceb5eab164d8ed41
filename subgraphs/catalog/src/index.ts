export { catalogConfigFromEnv, startCatalog, type CatalogConfig } from "./app";
export { buildCatalogSchema } from "./schema";
export { PUBLISHED_EVENTS } from "./events";
export { CONSUMED_EVENTS } from "./consumed-events";
// For the search benchmark's EXPLAIN ANALYZE of the statement a search sends.
export { searchStatement } from "./search/search.sql";
export { ProductSort } from "./search/search.inputs";
export { PERSONAL_DATA } from "./personal-data";
