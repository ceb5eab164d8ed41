import { createLogger } from "@pawgraph/subgraph-kit/src/edge";
import { formatGatewayError } from "./errors";

const log = createLogger("gateway-errors-test");
// Masked errors are logged at error level; this test checks what clients see, not the log.
log.level = "silent";
const format = (error: Parameters<typeof formatGatewayError>[0], suggestions = false) =>
  formatGatewayError(error, { log, suggestions });

describe("formatGatewayError", () => {
  it("drops what describes our insides: a subgraph's URL and raw answer, traces, transport", () => {
    const error = format({
      message: "The pet was not found",
      path: ["pet"],
      extensions: {
        code: "NOT_FOUND",
        field: "id",
        serviceName: "pets",
        response: { url: "http://10.0.0.7:4002/graphql", body: "{}" },
        stacktrace: ["at x"],
        exception: {},
        http: { status: 400 },
      },
    });
    expect(error).toEqual({
      message: "The pet was not found",
      path: ["pet"],
      extensions: { code: "NOT_FOUND", field: "id", serviceName: "pets" },
    });
  });

  it("names the field of a variable GraphQL-js refused", () => {
    const error = format({
      message: 'Variable "$input" got invalid value "2025-02-30" at "input.dateOfBirth"; Expected type "LocalDate".',
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect(error.extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.dateOfBirth" });
  });

  it("reports the input guard's validation errors as BAD_USER_INPUT", () => {
    const error = format({
      message: "Invalid value for input.name: must not contain NUL characters",
      extensions: { code: "GRAPHQL_VALIDATION_FAILED", field: "input.name" },
    });
    expect(error.extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.name" });
  });

  it("masks internal errors and messages that name an address", () => {
    expect(
      format({
        message: "request to http://127.0.0.1:4003/graphql failed, reason: ECONNREFUSED",
        extensions: { code: "INTERNAL_SERVER_ERROR", serviceName: "ehr" },
      }),
    ).toEqual({
      message: "Internal server error",
      extensions: { code: "INTERNAL_SERVER_ERROR", serviceName: "ehr" },
    });
    expect(
      format({ message: "fetch to ws://pets:4002/graphql failed", extensions: { code: "SOMETHING" } }).message,
    ).toBe("Internal server error");
    expect(format({ message: "boom" }).extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
  });

  it("keeps a failed subgraph fetch's code, service and path (docs/decisions/0025)", () => {
    const error = {
      message: "The ehr service is unavailable.",
      path: ["myPets", "edges", 0, "node", "healthTimeline"],
      extensions: { code: "SUBGRAPH_UNAVAILABLE", service: "ehr", serviceName: "ehr" },
    };
    expect(format(error)).toEqual(error);
    expect(
      format({
        ...error,
        message: "The ehr service did not answer within 5000 ms.",
        extensions: { ...error.extensions, code: "SUBGRAPH_TIMEOUT" },
      }).extensions?.code,
    ).toBe("SUBGRAPH_TIMEOUT");
  });

  it("removes schema suggestions unless asked to keep them (development)", () => {
    const typo = {
      message: 'Cannot query field "myPetz" on type "Query". Did you mean "myPets"?',
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    };
    expect(format(typo).message).toBe('Cannot query field "myPetz" on type "Query".');
    expect(format(typo, true).message).toBe(typo.message);
  });
});
