import { buildSchema, parse } from "graphql";
import { DEFAULT_COST_MODEL, operationCost, type CostModel } from "./query-cost";

const schema = buildSchema(`
  type Query { me: User, users(first: Int, last: Int): UserConnection!, records: [Record!]!, slots: [Slot!]! }
  type Mutation { rename(name: String!): User! }
  type User { id: ID!, name: String!, friends(first: Int): UserConnection!, pets(first: Int): UserConnection!, tags: [String!]! }
  type UserConnection { edges: [UserEdge!]!, pageInfo: PageInfo! }
  type UserEdge { cursor: String!, node: User! }
  type PageInfo { hasNextPage: Boolean! }
  interface Record { id: ID! }
  type Visit implements Record { id: ID!, vet: User!, notes: [Note!]! }
  type Note implements Record { id: ID!, text: String! }
  type Slot { vet: User! }
`);
const model: CostModel = {
  ...DEFAULT_COST_MODEL,
  defaultPageSize: 20,
  defaultListSize: 3,
  listSizes: { "Query.slots": 50 },
  pageSizeCaps: { "User.pets": 5 },
};
const cost = (query: string, variables: Record<string, unknown> = {}, name?: string) =>
  operationCost(schema, parse(query), name, variables, model);

describe("operationCost", () => {
  it("counts objects, not scalars", () => {
    expect(cost("{ me { id name tags } }")).toBe(1);
  });

  it("multiplies the selection below a field by its `first`, and sizes `edges` by it", () => {
    expect(cost("{ users(first: 10) { edges { cursor node { id } } pageInfo { hasNextPage } } }")).toBe(10);
    expect(cost("{ users(last: 7) { edges { node { id } } } }")).toBe(7);
  });

  it("takes `first` from variables, then the variable's default, then the default page size", () => {
    const query = "query Q($n: Int) { users(first: $n) { edges { node { id } } } }";
    expect(cost(query, { n: 100 })).toBe(100);
    expect(cost("query Q($n: Int = 5) { users(first: $n) { edges { node { id } } } }")).toBe(5);
    expect(cost(query)).toBe(20);
    expect(cost("{ users { edges { node { id } } } }")).toBe(20);
  });

  it("multiplies nested pages: the fan-out", () => {
    expect(cost("{ users(first: 10) { edges { node { friends(first: 10) { edges { node { id } } } } } } }")).toBe(
      10 * (1 + 10),
    );
  });

  it("caps a page where configured: `first: 100` on a short list", () => {
    expect(cost("{ me { pets(first: 100) { edges { node { id } } } } }")).toBe(1 + 5);
    expect(cost("{ me { pets(first: 2) { edges { node { id } } } } }")).toBe(1 + 2);
  });

  it("assumes a size for other lists, per field where configured", () => {
    expect(cost("{ records { id } }")).toBe(3);
    expect(cost("{ slots { vet { id } } }")).toBe(50 * 2);
  });

  it("counts the dearest of mutually exclusive fragments, not their sum", () => {
    expect(cost("{ records { id ... on Visit { vet { id } notes { id } } ... on Note { text } } }")).toBe(
      3 * (1 + 1 + 3),
    );
    expect(cost("{ records { ...V } } fragment V on Visit { vet { id } }")).toBe(3 * 2);
  });

  it("charges mutations more than reads, aliases each time, and introspection nothing", () => {
    expect(cost('mutation { rename(name: "x") { id } }')).toBe(11);
    expect(cost("{ a: me { id } b: me { id } }")).toBe(2);
    expect(cost("{ __schema { types { name fields { name } } } }")).toBe(0);
  });

  it("picks the operation by name", () => {
    expect(cost("query A { me { id } } query B { users(first: 3) { edges { node { id } } } }", {}, "B")).toBe(3);
  });
});
