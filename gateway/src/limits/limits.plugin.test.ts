import { GraphQLError } from "graphql";
import { recodeLimitError } from "./limits.plugin";
import { QUERY_TOO_COMPLEX, tooComplexError } from "./limits.errors";

describe("recodeLimitError", () => {
  it("re-codes a limit's validation error QUERY_TOO_COMPLEX", () => {
    const refused = new GraphQLError("too deep", {
      extensions: { ...tooComplexError("depth", 10, 12, "ws").extensions, code: "GRAPHQL_VALIDATION_FAILED" },
    });
    recodeLimitError(refused);
    expect(refused.extensions).toMatchObject({ code: QUERY_TOO_COMPLEX, limit: "depth", max: 10, found: 12 });
  });

  it("leaves alone a failed subgraph fetch, which reaches the plugin as a plain Error without extensions", () => {
    // What @apollo/gateway collects when a subgraph is unreachable (undici's TypeError).
    const fetchFailed = Object.assign(new TypeError("fetch failed"), {
      cause: new Error("connect ECONNREFUSED"),
    }) as unknown as GraphQLError;
    expect(() => recodeLimitError(fetchFailed)).not.toThrow();
    expect(fetchFailed.message).toBe("fetch failed");
  });
});
