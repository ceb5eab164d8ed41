import { HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";

/** A document or operation over one of the gateway's limits; `extensions.limit` names which, `extensions.max` its value. */
export const QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX";
/** The viewer or the client IP spent its cost budget for the minute; `extensions.retryAfterSeconds` says when to retry. */
export const RATE_LIMITED = "RATE_LIMITED";
/** The request ran past the gateway's deadline (`extensions.timeoutMs`); nothing more of it is sent. */
export const GATEWAY_TIMEOUT = "GATEWAY_TIMEOUT";

export type LimitName = "tokens" | "depth" | "aliases" | "directives" | "cost";

const what: Record<LimitName, string> = {
  tokens: "tokens",
  depth: "levels of nesting",
  aliases: "aliases",
  directives: "directives",
  cost: "estimated cost",
};

/** Over HTTP the error also sets the status (and headers); over WebSocket there is none to set. */
type Transport = "http" | "ws";

export function tooComplexError(
  limit: LimitName,
  max: number,
  found: number | undefined,
  transport: Transport,
): GraphQLError {
  const over = found === undefined ? `more than ${max}` : `${found}, more than the ${max} allowed`;
  return new GraphQLError(
    `The operation is too complex: ${what[limit]} ${over}. Split it into smaller operations, or ask for fewer items with \`first\`.`,
    {
      extensions: {
        code: QUERY_TOO_COMPLEX,
        limit,
        max,
        ...(found === undefined ? {} : { found }),
        ...(transport === "http" ? { http: { status: 400, headers: new HeaderMap() } } : {}),
      },
    },
  );
}

/** Over HTTP: status 429 with `Retry-After`; both carry `extensions.retryAfterSeconds`. */
export function rateLimitedError(
  retryAfterSeconds: number,
  scope: "viewer" | "ip",
  transport: Transport,
): GraphQLError {
  const who = scope === "viewer" ? "You have" : "Your network has";
  return new GraphQLError(`${who} sent too much work this minute; retry in ${retryAfterSeconds} s.`, {
    extensions: {
      code: RATE_LIMITED,
      scope,
      retryAfterSeconds,
      ...(transport === "http"
        ? { http: { status: 429, headers: new HeaderMap([["retry-after", String(retryAfterSeconds)]]) } }
        : {}),
    },
  });
}

export function timeoutError(timeoutMs: number, transport: Transport): GraphQLError {
  return new GraphQLError(`The request took longer than ${timeoutMs} ms and was stopped; try again, or ask for less.`, {
    extensions: {
      code: GATEWAY_TIMEOUT,
      timeoutMs,
      ...(transport === "http" ? { http: { status: 504, headers: new HeaderMap() } } : {}),
    },
  });
}

/** graphql-js's own message when `maxTokens` stops the parser (it says "more that" in 16.x). */
const TOKEN_LIMIT_MESSAGE = /Document contains more (?:than|that) (\d+) tokens/;

/** The limit a parse or validation error reports, if it is one of ours: `{ limit, max, found }`. */
export function limitOf(error: GraphQLError): { limit: LimitName; max: number; found?: number } | undefined {
  const tokens = TOKEN_LIMIT_MESSAGE.exec(error.message);
  if (tokens) return { limit: "tokens", max: Number(tokens[1]) };
  // Apollo Server re-codes validation errors GRAPHQL_VALIDATION_FAILED, keeping the other extensions.
  // A subgraph fetch that failed reaches didEncounterErrors as the gateway caught it: a plain Error
  // (undici's "fetch failed"), without extensions.
  const ext = (error.extensions ?? {}) as { limit?: LimitName; max?: number; found?: number };
  if (ext.limit && ext.limit in what && typeof ext.max === "number")
    return { limit: ext.limit, max: ext.max, found: ext.found };
  return undefined;
}
