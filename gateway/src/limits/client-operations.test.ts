import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  buildSchema,
  getIntrospectionQuery,
  Kind,
  parse,
  print,
  specifiedRules,
  validate,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from "graphql";
import { DEFAULT_LIMITS } from "./limits.config";
import { limitOf } from "./limits.errors";
import { operationCost } from "./query-cost";
import { limitValidationRules } from "./validation.rules";

// Every operation the apps send (clients/operations) goes through the gateway's limits with the
// production defaults, as the gateway would run it: parsed with the token limit, validated with
// the shape rules, costed. None may be refused; a real operation near a limit means the cost model
// needs tuning, not the limit (docs/decisions/0016).
const root = resolve(__dirname, "../../..");
const schema = buildSchema(readFileSync(resolve(root, "schema.graphql"), "utf8"));
const directory = resolve(root, "clients/operations");
const files = readdirSync(directory).filter((name) => name.endsWith(".graphql"));
const definitions: DefinitionNode[] = files.flatMap(
  (name) => parse(readFileSync(resolve(directory, name), "utf8")).definitions,
);
const fragments = definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
const operations = definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

/** The fragments an operation spreads, directly or through other fragments. */
function fragmentsOf(
  node: OperationDefinitionNode | FragmentDefinitionNode,
  found = new Map<string, FragmentDefinitionNode>(),
): FragmentDefinitionNode[] {
  visit(node, {
    FragmentSpread(spread) {
      const fragment = fragments.find((f) => f.name.value === spread.name.value);
      if (fragment && !found.has(fragment.name.value)) {
        found.set(fragment.name.value, fragment);
        fragmentsOf(fragment, found);
      }
    },
  });
  return [...found.values()];
}

/** One operation as the client preset sends it: the operation and the fragments it uses, parsed with the token limit. */
function documentOf(operation: OperationDefinitionNode): DocumentNode {
  const text = [operation, ...fragmentsOf(operation)].map((d) => print(d)).join("\n\n");
  return parse(text, { maxTokens: DEFAULT_LIMITS.maxTokens });
}

describe("every client operation passes the front-door limits", () => {
  it("finds the operations", () => {
    expect(operations.length).toBeGreaterThan(50);
  });

  it.each(operations.map((o) => [o.name!.value, o] as const))("%s", (name, operation) => {
    const document = documentOf(operation);
    const refusals = validate(schema, document, [...specifiedRules, ...limitValidationRules(DEFAULT_LIMITS)]).filter(
      (e) => limitOf(e),
    );
    expect(refusals.map((e) => e.message)).toEqual([]);
    // Variables left out: `first` takes the default page size, as the subgraphs do.
    expect(operationCost(schema, document, name, {})).toBeLessThanOrEqual(DEFAULT_LIMITS.maxCost);
  });

  it.each<[string, Record<string, number>, string]>([
    ["MyPetsTimelines", { first: 50, perPet: 10 }, "50 pets' last 10 records each (npm run bench)"],
    ["MyPetsTimelines", { first: 100, perPet: 10 }, "every pet's last 10 records (e2e/n-plus-one)"],
    ["MyPetsWithOwners", { first: 100 }, "every pet with its owners"],
  ])("keeps %s with %j, %s, within the cost limit", (name, variables) => {
    const operation = operations.find((o) => o.name?.value === name)!;
    expect(operationCost(schema, documentOf(operation), name, variables)).toBeLessThanOrEqual(DEFAULT_LIMITS.maxCost);
  });

  it("lets Apollo Sandbox and codegen introspect the schema (the fullest introspection query graphql-js writes)", () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    });
    const document = parse(query, { maxTokens: DEFAULT_LIMITS.maxTokens });
    expect(
      validate(schema, document, [...specifiedRules, ...limitValidationRules(DEFAULT_LIMITS)]).map((e) => e.message),
    ).toEqual([]);
    expect(operationCost(schema, document, "IntrospectionQuery", {})).toBeLessThanOrEqual(DEFAULT_LIMITS.maxCost);
  });
});
