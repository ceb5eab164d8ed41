import { privacyAnswersOf } from "@pawgraph/subgraph-kit";

/** The domain events ai publishes through its outbox. */
export const AI_SCHEMA = "ai";

/**
 * Every event ai publishes; `npm run generate` writes each one's JSON Schema under events/ai/.
 * Only its answers to identity's privacy requests (docs/decisions/0048).
 */
export const PUBLISHED_EVENTS = [...Object.values(privacyAnswersOf(AI_SCHEMA))];
