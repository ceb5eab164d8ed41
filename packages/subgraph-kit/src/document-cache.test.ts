import { buildSchema, GraphQLError, type ValidationContext } from "graphql";
import { DocumentCache } from "./document-cache";

const schemaV1 = buildSchema("type Query { a: Int } type Subscription { ticks: Int }");
const schemaV2 = buildSchema("type Query { a: Int b: Int } type Subscription { ticks: Int }");

describe("DocumentCache", () => {
  it("parses a query text once and hands out the same document", () => {
    const cache = new DocumentCache();
    const first = cache.parse("subscription { ticks }");
    expect(cache.parse("subscription { ticks }")).toBe(first);
    expect(cache.parse("subscription  { ticks }")).not.toBe(first);
    expect(cache.size).toBe(2);
  });

  it("throws syntax errors and keeps nothing for them", () => {
    const cache = new DocumentCache();
    expect(() => cache.parse("subscription {")).toThrow(GraphQLError);
    expect(cache.size).toBe(0);
  });

  it("parses with the given options and validates with the extra rules after graphql's own", () => {
    const noA = (context: ValidationContext) => ({
      Field: (node: { name: { value: string } }) =>
        node.name.value === "a" ? context.reportError(new GraphQLError("no a")) : undefined,
    });
    const cache = new DocumentCache({ parseOptions: { maxTokens: 5 }, extraRules: [noA] });
    expect(() => cache.parse("{ a a a a a a }")).toThrow(/more th\w+ 5 tokens/);
    expect(cache.validate(schemaV1, cache.parse("{ a }")).map((e) => e.message)).toEqual(["no a"]);
    expect(cache.validate(schemaV1, cache.parse("{ b }")).map((e) => e.message)).toEqual([
      'Cannot query field "b" on type "Query". Did you mean "a"?',
    ]);
  });

  it("validates per schema: an operation invalid on one schema is checked afresh on the next", () => {
    const cache = new DocumentCache();
    const document = cache.parse("{ b }");
    const errors = cache.validate(schemaV1, document);
    expect(errors.map((e) => e.message)).toEqual(['Cannot query field "b" on type "Query". Did you mean "a"?']);
    expect(cache.validate(schemaV1, document)).toBe(errors);
    expect(cache.validate(schemaV2, document)).toEqual([]);
  });

  it("stays within its bounds, dropping the least recently used", () => {
    const cache = new DocumentCache({ maxEntries: 2 });
    const kept = cache.parse("{ a }");
    cache.parse("{ b }");
    cache.parse("{ a }");
    cache.parse("{ c: a }");
    expect(cache.size).toBe(2);
    expect(cache.parse("{ a }")).toBe(kept);
    const bySize = new DocumentCache({ maxQueryChars: 20 });
    bySize.parse("{ a }");
    bySize.parse("{ alias1: a alias2: a }"); // larger than the whole budget: not kept
    expect(bySize.size).toBe(1);
  });
});
