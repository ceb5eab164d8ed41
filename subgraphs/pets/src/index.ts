export { petsConfigFromEnv, startPets, type PetsConfig } from "./app";
export { buildPetsSchema } from "./schema";
export { CONSUMED_EVENTS } from "./consumed-events";
export { PERSONAL_DATA } from "./personal-data";
export { PUBLISHED_EVENTS } from "./events";
