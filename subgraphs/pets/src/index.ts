export { petsConfigFromEnv, startPets, type PetsConfig } from "./app";
export { buildPetsSchema } from "./schema";
export { CONSUMED_EVENTS } from "./consumed-events";
export { PUBLISHED_EVENTS } from "./events";
