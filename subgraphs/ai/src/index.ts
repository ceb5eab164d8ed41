export { aiConfigFromEnv, startAi, type AiConfig } from "./app";
export { buildAiSchema } from "./schema";
// For tests and benchmarks that run ai against a model stand-in or another knowledge folder.
export { createAnswerModel, type AnswerModelConfig } from "./model/answer-model-from-env";
export { KNOWLEDGE_DIR } from "./knowledge/knowledge-ingest";
export { PERSONAL_DATA } from "./personal-data";
export { PUBLISHED_EVENTS } from "./events";
export { CONSUMED_EVENTS } from "./consumed-events";
