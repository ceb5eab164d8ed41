export { aiConfigFromEnv, startAi, type AiConfig } from "./app";
export { buildAiSchema } from "./schema";
