export { ehrConfigFromEnv, startEhr, type EhrConfig } from "./app";
export { buildEhrSchema } from "./schema";
export { PUBLISHED_EVENTS } from "./events";
export { CONSUMED_EVENTS } from "./consumed-events";
export { PERSONAL_DATA } from "./personal-data";
