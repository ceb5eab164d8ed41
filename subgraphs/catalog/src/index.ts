export { catalogConfigFromEnv, startCatalog, type CatalogConfig } from "./app";
export { buildCatalogSchema } from "./schema";
export { PUBLISHED_EVENTS } from "./events";
