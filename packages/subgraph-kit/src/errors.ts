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
  constructor(message = "You are not allowed to do this") {
    super("FORBIDDEN", message);
  }
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
]);

/**
 * The one place where thrown errors become GraphQL errors: DomainErrors keep their code and field,
 * validation errors become BAD_USER_INPUT naming the field, unknown errors are logged and masked.
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
      if (code === "GRAPHQL_VALIDATION_FAILED" && typeof extensions.field === "string") extensions.code = "BAD_USER_INPUT";
      // A variable that does not coerce (a bad date, a wrong type) names its field like every other bad input.
      if (extensions.code === "BAD_USER_INPUT" && !extensions.field) {
        const field = fieldOfVariableError(formatted.message);
        if (field) extensions.field = field;
      }
      return { ...formatted, extensions };
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
  const match = /^Variable "\$([\w]+)" got invalid value .*? at "([^"]+)"/.exec(message) ?? /^Variable "\$([\w]+)"/.exec(message);
  if (!match) return undefined;
  return match[2] ?? match[1];
}
