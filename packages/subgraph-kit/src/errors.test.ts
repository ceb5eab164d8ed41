import { GraphQLError } from "graphql";
import {
  createErrorFormatter,
  fieldOfVariableError,
  isUnavailableError,
  NotFoundError,
  ServiceUnavailableError,
} from "./errors";
import { createLogger } from "./logger";
import { SubgraphCallError } from "./subgraph-client";

describe("fieldOfVariableError", () => {
  it("names the path inside a variable", () => {
    expect(
      fieldOfVariableError(
        'Variable "$input" got invalid value "X" at "input.route"; Value "X" does not exist in "MedicationRoute" enum.',
      ),
    ).toBe("input.route");
  });
  it("names the variable itself", () => {
    expect(
      fieldOfVariableError('Variable "$first" got invalid value "ten"; Int cannot represent non-integer value: "ten"'),
    ).toBe("first");
  });
  it("leaves other messages alone", () => {
    expect(fieldOfVariableError('Cannot query field "wings" on type "Pet".')).toBeUndefined();
  });
});

describe("isUnavailableError", () => {
  const pgError = (code: string, message = "database error") =>
    Object.assign(new Error(message), { code, severity: "FATAL" });

  it.each([
    [
      "the server terminated the connection (pg_terminate_backend, failover)",
      pgError("57P01", "terminating connection due to administrator command"),
    ],
    ["the server is starting up", pgError("57P03", "the database system is starting up")],
    ["a connection exception", pgError("08006", "connection failure")],
    ["too many connections", pgError("53300", "sorry, too many clients already")],
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["a reset connection", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })],
    [
      "a refused connection to every address of a name",
      Object.assign(new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })], "connect failed")),
    ],
    ["pg's dropped connection", new Error("Connection terminated unexpectedly")],
    ["pg-pool's connect timeout", new Error("timeout exceeded when trying to connect")],
    [
      "a client used after its connection failed",
      new Error("Client has encountered a connection error and is not queryable"),
    ],
    [
      "TypeORM's QueryFailedError around it",
      Object.assign(new Error("terminating connection"), { name: "QueryFailedError", driverError: pgError("57P01") }),
    ],
    [
      "TypeORM's released transaction runner",
      Object.assign(new Error("Query runner already released"), { name: "QueryRunnerAlreadyReleasedError" }),
    ],
    [
      "graphql-js's wrapper for a value from another realm",
      Object.assign(new Error("Unexpected error value"), {
        name: "NonErrorThrown",
        thrownValue: { code: "ECONNRESET" },
      }),
    ],
    ["a cause", new Error("loading failed", { cause: pgError("57P01") })],
    ["an unreachable subgraph", new SubgraphCallError("pets", "unreachable (fetch failed)")],
    ["a subgraph answering 503", new SubgraphCallError("pets", "HTTP 503: no data", [], 503)],
    [
      "a subgraph that is itself unavailable",
      new SubgraphCallError("pets", "HTTP 200: unavailable", ["SERVICE_UNAVAILABLE"], 200),
    ],
    ["the kit's own error", new ServiceUnavailableError()],
  ])("is true for %s", (_what, error) => {
    expect(isUnavailableError(error)).toBe(true);
  });

  it.each([
    ["a syntax error (a bug)", pgError("42601", "syntax error at or near")],
    ["a unique violation", pgError("23505", "duplicate key value")],
    ["a check violation", pgError("23514", "new row violates check constraint")],
    ["a plain error", new Error("something else")],
    [
      "a subgraph's internal error",
      new SubgraphCallError("pets", "HTTP 200: Internal server error", ["INTERNAL_SERVER_ERROR"], 200),
    ],
    [
      "a subgraph that answered partly unavailable, partly refused",
      new SubgraphCallError("pets", "HTTP 200: …", ["SERVICE_UNAVAILABLE", "FORBIDDEN"], 200),
    ],
    ["a domain error", new NotFoundError("Pet")],
    ["not an error", "ECONNREFUSED"],
    ["null", null],
  ])("is false for %s", (_what, error) => {
    expect(isUnavailableError(error)).toBe(false);
  });

  it("stops at cycles of causes", () => {
    const error = new Error("loop") as Error & { cause?: unknown };
    error.cause = error;
    expect(isUnavailableError(error)).toBe(false);
  });
});

describe("createErrorFormatter", () => {
  const log = createLogger("errors-test");
  log.level = "silent";
  const format = createErrorFormatter(log);
  const raised = (original: Error) => new GraphQLError(original.message, { path: ["pet"], originalError: original });

  it("answers a failed database or subgraph with SERVICE_UNAVAILABLE, naming neither host nor SQL", () => {
    const original = Object.assign(new Error("connect ECONNREFUSED 10.0.0.7:5432"), { code: "ECONNREFUSED" });
    const formatted = format({ message: original.message, path: ["pet"] }, raised(original));
    expect(formatted).toEqual({
      message: "A service this request needs is unavailable; try again shortly",
      path: ["pet"],
      extensions: { code: "SERVICE_UNAVAILABLE" },
    });
  });

  it("keeps masking everything else as INTERNAL_SERVER_ERROR", () => {
    const original = Object.assign(new Error('relation "pets.pet" does not exist'), { code: "42P01" });
    const formatted = format({ message: original.message, path: ["pet"] }, raised(original));
    expect(formatted).toEqual({
      message: "Internal server error",
      path: ["pet"],
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
  });
});
