import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";

/**
 * A failure the client caused or must know about. Its `code` becomes `extensions.code`; `field`
 * names the input at fault. Anything that is not a DomainError is masked before it leaves a subgraph.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadUserInputError extends DomainError {
  constructor(field: string, message: string) {
    super("BAD_USER_INPUT", message, field);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, field?: string) {
    super("NOT_FOUND", `${what} not found`, field);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = "You must be signed in") {
    super("UNAUTHENTICATED", message);
  }
}

export class ForbiddenError extends DomainError {
  /** `field` names the argument the viewer may not use, when one is at fault (e.g. a status filter). */
  constructor(message = "You are not allowed to do this", field?: string) {
    super("FORBIDDEN", message, field);
  }
}

/**
 * A dependency (the database, another subgraph) failed or could not be reached: the request may
 * succeed if retried. Never a verdict about the data, so never NOT_FOUND or null; the message names
 * no host or SQL. The error formatter also turns recognised infrastructure failures into this code.
 */
export class ServiceUnavailableError extends DomainError {
  constructor(message = "A service this request needs is unavailable; try again shortly") {
    super("SERVICE_UNAVAILABLE", message);
  }
}

/**
 * SQLSTATEs that mean the database, not the statement, failed: connection exceptions (class 08),
 * the server shutting down, crashing or starting (57P01-57P03), too many connections (53300).
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
/** Node's socket and DNS failures. */
const UNAVAILABLE_SYSTEM_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
/** What pg and pg-pool say when a connection ends, cannot be made in time, or is used after it failed. */
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable)/;

/**
 * TypeORM releases a transaction's connection when the connection fails between two statements, and
 * the next statement then throws one of these. Using a released runner is otherwise a bug that every
 * run of the code path would show; under faults it means the connection dropped.
 */
const RELEASED_RUNNER = new Set(["QueryRunnerAlreadyReleasedError", "QueryRunnerProviderAlreadyReleasedError"]);

/**
 * Whether `error` is an infrastructure failure rather than a bug or a refusal: a database connection
 * that dropped or cannot be made (pg's and Node's errors, also inside TypeORM's `driverError`, a
 * `cause`, an AggregateError, or graphql-js's `thrownValue`, which wraps values that fail
 * `instanceof Error` as errors made in another realm do, e.g. Node's socket errors under Jest), or
 * any error that says so itself with `unavailable: true` (the kit's SubgraphCallError when the other
 * subgraph is unreachable, times out or is itself unavailable).
 */
export function isUnavailableError(error: unknown): boolean {
  return unavailable(error, 0);
}

function unavailable(error: unknown, depth: number): boolean {
  if (typeof error !== "object" || error === null || depth > 5) return false;
  if (error instanceof ServiceUnavailableError) return true;
  const fields = error as {
    name?: unknown;
    unavailable?: unknown;
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    thrownValue?: unknown;
    errors?: unknown;
  };
  if (fields.unavailable === true || RELEASED_RUNNER.has(String(fields.name))) return true;
  if (
    typeof fields.code === "string" &&
    (UNAVAILABLE_SQLSTATE.test(fields.code) || UNAVAILABLE_SYSTEM_CODES.has(fields.code))
  )
    return true;
  if (typeof fields.message === "string" && UNAVAILABLE_MESSAGES.test(fields.message)) return true;
  const inner = [
    fields.driverError,
    fields.cause,
    fields.thrownValue,
    ...(Array.isArray(fields.errors) ? fields.errors : []),
  ];
  return inner.some((nested) => unavailable(nested, depth + 1));
}

interface ValidationIssue {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationIssue[];
}

/** type-graphql's ArgumentValidationError carries class-validator issues; find the first leaf and its path. */
function firstValidationIssue(issues: ValidationIssue[], prefix = ""): { field: string; message: string } | undefined {
  for (const issue of issues) {
    const path = prefix ? `${prefix}.${issue.property}` : issue.property;
    const message = issue.constraints ? Object.values(issue.constraints)[0] : undefined;
    if (message) return { field: path, message };
    const nested = issue.children && firstValidationIssue(issue.children, path);
    if (nested) return nested;
  }
  return undefined;
}

const PASS_THROUGH_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "SERVICE_UNAVAILABLE",
]);

/**
 * The one place where thrown errors become GraphQL errors: DomainErrors keep their code and field,
 * validation errors become BAD_USER_INPUT naming the field, a database or subgraph that failed
 * becomes SERVICE_UNAVAILABLE, unknown errors are logged and masked.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof DomainError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: {
          code: original.code,
          ...(original.field ? { field: original.field } : {}),
          ...original.details,
        },
      };
    }
    // type-graphql's ArgumentValidationError carries class-validator's issues (and the whole input: never echo it).
    const issues = (original as { extensions?: { validationErrors?: ValidationIssue[] } } | undefined)?.extensions
      ?.validationErrors;
    if (Array.isArray(issues)) {
      const issue = firstValidationIssue(issues);
      return {
        message: issue ? `Invalid value for ${issue.field}: ${issue.message}` : "Invalid input",
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: "BAD_USER_INPUT", ...(issue ? { field: `input.${issue.field}` } : {}) },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === "string" && PASS_THROUGH_CODES.has(code)) {
      const { stacktrace: _stack, http: _http, ...extensions } = formatted.extensions ?? {};
      // Apollo files every validation error under GRAPHQL_VALIDATION_FAILED; InputGuardRule's name a field: bad input.
      if (code === "GRAPHQL_VALIDATION_FAILED" && typeof extensions.field === "string")
        extensions.code = "BAD_USER_INPUT";
      // A variable that does not coerce (a bad date, a wrong type) names its field like every other bad input.
      if (extensions.code === "BAD_USER_INPUT" && !extensions.field) {
        const field = fieldOfVariableError(formatted.message);
        if (field) extensions.field = field;
      }
      return { ...formatted, extensions };
    }
    if (isUnavailableError(original)) {
      // Expected during an outage and logged where it happens (pools, the relay, other subgraphs): a warning, not a bug.
      log.warn(
        { reason: original instanceof Error ? original.message : String(original), path: formatted.path },
        "a dependency is unavailable",
      );
      const unavailable = new ServiceUnavailableError();
      return {
        message: unavailable.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: unavailable.code },
      };
    }
    log.error({ err: original }, "unexpected error in resolver");
    return {
      message: "Internal server error",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}

/**
 * GraphQL-js reports bad variables as `Variable "$input" got invalid value "X" at "input.route"; ...`.
 * The path it names becomes `extensions.field`, so clients find the field at fault the same way for
 * every BAD_USER_INPUT, whether the schema or a service refused the value.
 */
export function fieldOfVariableError(message: string): string | undefined {
  const match =
    /^Variable "\$([\w]+)" got invalid value .*? at "([^"]+)"/.exec(message) ?? /^Variable "\$([\w]+)"/.exec(message);
  if (!match) return undefined;
  return match[2] ?? match[1];
}
