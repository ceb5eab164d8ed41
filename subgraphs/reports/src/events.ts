import { privacyAnswersOf } from "@pawgraph/subgraph-kit";

/** The domain events reports publishes through its outbox. */
export const REPORTS_SCHEMA = "reports";

/**
 * Every event reports publishes; `npm run generate` writes each one's JSON Schema under events/reports/.
 * Only its answers to identity's privacy requests (docs/decisions/0048): report facts are read, not told.
 */
export const PUBLISHED_EVENTS = [...Object.values(privacyAnswersOf(REPORTS_SCHEMA))];
