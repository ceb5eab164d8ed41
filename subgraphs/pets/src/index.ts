export { petsConfigFromEnv, startPets, type PetsConfig } from "./app";
export { buildPetsSchema } from "./schema";
