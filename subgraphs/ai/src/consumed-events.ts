import { ERASURE_DUE, EXPORT_REQUESTED } from "@pawgraph/subgraph-kit";

/**
 * The events ai reads from other subgraphs: identity's privacy requests (docs/decisions/0048). The
 * contract tests check each against its producer's committed JSON Schema (events/<source>/).
 */
export const CONSUMED_EVENTS = [EXPORT_REQUESTED, ERASURE_DUE];
