import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from "graphql";

/** How a subgraph fetch failed: it could not be served at all, or not within the timeout. */
export type SubgraphFailureKind = "unavailable" | "timeout";

/** The `extensions.code` clients see for each kind (docs/decisions/0025). */
export const FAILURE_CODES: Record<SubgraphFailureKind, string> = {
  unavailable: "SUBGRAPH_UNAVAILABLE",
  timeout: "SUBGRAPH_TIMEOUT",
};

/**
 * A subgraph fetch that got no GraphQL answer: refused, reset, timed out, turned away by the
 * circuit breaker or the in-flight bound, or answered 502-504 by a proxy in front of it. It is
 * never shown to clients as is (its cause names hosts and ports); the data source turns it into
 * coded errors at the fields the fetch was for.
 */
export class SubgraphFailure extends Error {
  constructor(
    readonly kind: SubgraphFailureKind,
    /** What happened, for the logs: an undici or system error code, `circuit open`, `HTTP 503`, ... */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`subgraph fetch failed (${kind}): ${reason}`, options);
    this.name = "SubgraphFailure";
  }
}

/** undici's and the system's codes for "no answer in time" (connect, headers, body). */
const TIMEOUT_CODES = new Set([
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ETIMEDOUT",
]);

/** The first `code` along an error's `cause` chain (undici wraps the system error once or twice). */
function codeOf(error: unknown): string | undefined {
  for (
    let current = error, depth = 0;
    current && typeof current === "object" && depth < 5;
    current = (current as { cause?: unknown }).cause, depth++
  ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

/** Classifies an error thrown while sending a request or reading its answer; every such error means no answer. */
export function transportFailure(error: unknown): SubgraphFailure {
  if (error instanceof SubgraphFailure) return error;
  const code = codeOf(error);
  const kind: SubgraphFailureKind =
    (code && TIMEOUT_CODES.has(code)) || (error as Error | undefined)?.name === "TimeoutError"
      ? "timeout"
      : "unavailable";
  return new SubgraphFailure(kind, code ?? (error as Error | undefined)?.message ?? String(error), { cause: error });
}

/** The client-facing message: the service's name and what happened, never its address. */
export function failureMessage(kind: SubgraphFailureKind, service: string, timeoutMs: number): string {
  return kind === "timeout"
    ? `The ${service} service did not answer within ${timeoutMs} ms.`
    : `The ${service} service is unavailable.`;
}

/** Most errors one failed fetch adds to a response; the last one says how many more fields failed alike. */
export const MAX_ERRORS_PER_FETCH = 100;

/** An error as a subgraph would answer it, for Apollo Gateway to re-map onto the client's response. */
export interface SubgraphResponseError {
  message: string;
  path?: (string | number)[];
  extensions: { code: string; service: string };
}

/**
 * The paths, in the subgraph's own response, of every field a failed fetch was for, as Apollo
 * Gateway re-maps a subgraph's error paths (executeQueryPlan's makeLazyErrorPathGenerator): for an
 * entity fetch `["_entities", i, field]` for each representation `i` and each field its `__typename`
 * selects (the gateway turns `_entities, i` into that entity's place in the response); for a root
 * fetch `[field]` per top-level field (the gateway prefixes where the fetch sits). Response keys:
 * an alias where there is one. `__typename` is left out: the gateway already knows it.
 */
export function failedFieldPaths(document: DocumentNode, representations?: readonly unknown[]): (string | number)[][] {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) return [];
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  if (!representations) return responseKeys(operation.selectionSet, undefined, fragments).map((key) => [key]);
  const entities = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === "_entities");
  if (entities?.kind !== Kind.FIELD || !entities.selectionSet) return [];
  const byType = new Map<string, string[]>();
  return representations.flatMap((representation, i) => {
    const typename = (representation as { __typename?: unknown } | null)?.__typename;
    if (typeof typename !== "string") return [["_entities", i]];
    let keys = byType.get(typename);
    if (!keys) byType.set(typename, (keys = responseKeys(entities.selectionSet!, typename, fragments)));
    // Nothing selected for this type that we can name (an interface's fragment): the entity as a whole.
    return keys.length > 0 ? keys.map((key) => ["_entities", i, key]) : [["_entities", i]];
  });
}

/** Top-level response keys of a selection set, for `typename` (or every type when undefined), through inline fragments and spreads. */
function responseKeys(
  selectionSet: SelectionSetNode,
  typename: string | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): string[] {
  const keys: string[] = [];
  const applies = (condition?: string) => condition === undefined || typename === undefined || condition === typename;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      if (selection.name.value !== "__typename" && !keys.includes(key)) keys.push(key);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (applies(selection.typeCondition?.name.value))
        keys.push(...responseKeys(selection.selectionSet, typename, fragments, seen).filter((k) => !keys.includes(k)));
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value) || !applies(fragment.typeCondition.name.value)) continue;
      seen.add(fragment.name.value);
      keys.push(...responseKeys(fragment.selectionSet, typename, fragments, seen).filter((k) => !keys.includes(k)));
    }
  }
  return keys;
}

/**
 * The errors a failed fetch answers in place of data: one per field it was for, each with the
 * service's name and the code, at most `max` of them (the last one counting the rest).
 */
export function failureErrors(
  options: {
    kind: SubgraphFailureKind;
    service: string;
    timeoutMs: number;
    document: DocumentNode;
    representations?: readonly unknown[];
  },
  max = MAX_ERRORS_PER_FETCH,
): SubgraphResponseError[] {
  const message = failureMessage(options.kind, options.service, options.timeoutMs);
  const extensions = { code: FAILURE_CODES[options.kind], service: options.service };
  const paths = failedFieldPaths(options.document, options.representations);
  // A fetch for nothing we can name (only `__typename`): one error where the fetch sits.
  if (paths.length === 0) return [{ message, extensions }];
  const shown = paths.length > max ? paths.slice(0, max) : paths;
  const errors = shown.map((path) => ({ message, path, extensions }));
  if (paths.length > max)
    errors[max - 1] = {
      ...errors[max - 1]!,
      message: `${message} ${paths.length - max} more fields failed alike and are not listed.`,
    };
  return errors;
}
