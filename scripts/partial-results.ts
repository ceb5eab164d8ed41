// The partial-results rule (docs/decisions/0024): one subgraph down costs only its own fields.
// Read from the composed supergraph, whose join directives say which subgraph resolves what.
import {
  buildASTSchema,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  parse,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from "graphql";

/** One field position that would let an outage of another subgraph null more than its own fields. */
export interface PartialResultsViolation {
  /** The subgraph that resolves the position (join__Graph name, e.g. "PETS"). */
  subgraph: string;
  /** `Parent.field`. */
  position: string;
  /** The position's type as the schema prints it. */
  type: string;
  /** The object type whose fields other subgraphs add (the position's named type, or a member of it). */
  entity: string;
  /**
   * Non-null fields of `entity` that `subgraph` cannot resolve, as `Entity.field: Type`; empty for a
   * non-null root Query field, whose own null reaches `data`.
   */
  foreignNonNull: string[];
  /** Why the position itself cannot absorb the null. */
  reason: string;
}

type Args = Record<string, unknown>;

const ROOT_TYPES = new Set(["Query", "Mutation", "Subscription"]);

function joins(directives: readonly ConstDirectiveNode[] | undefined, name: string): Args[] {
  return (directives ?? [])
    .filter((directive) => directive.name.value === name)
    .map((directive) =>
      Object.fromEntries((directive.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value)])),
    );
}

/** The top-level field names of a federation field set: `"id"`, `"id clinic { id }"` -> id, clinic. */
function topLevelFields(fieldSet: string): string[] {
  const names: string[] = [];
  let depth = 0;
  for (const token of fieldSet.match(/[{}]|[_A-Za-z][_0-9A-Za-z]*/g) ?? []) {
    if (token === "{") depth++;
    else if (token === "}") depth--;
    else if (depth === 0) names.push(token);
  }
  return names;
}

/**
 * Whether a null can stop at this position: the field itself nullable or, for a list, its items
 * nullable at the innermost level (`[User]!` holds a null item; `[User!]` would null the whole list).
 */
export function holdsNull(type: GraphQLOutputType): boolean {
  let current = type;
  for (;;) {
    if (isNonNullType(current)) {
      if (!isListType(current.ofType)) return false;
      current = current.ofType.ofType;
    } else if (isListType(current)) {
      current = current.ofType;
    } else {
      return true;
    }
  }
}

/** Which subgraph resolves which field, read from the join directives. */
class Resolution {
  private readonly typeGraphs = new Map<string, Set<string>>();
  private readonly keys = new Map<string, Set<string>>();
  private readonly fieldGraphs = new Map<string, Set<string>>();

  constructor(readonly schema: GraphQLSchema) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || !type.astNode) continue;
      const graphs = new Set<string>();
      for (const join of joins(type.astNode.directives, "join__type")) {
        const graph = String(join.graph);
        graphs.add(graph);
        if (typeof join.key === "string")
          for (const field of topLevelFields(join.key)) this.keySet(type.name, graph).add(field);
      }
      this.typeGraphs.set(type.name, graphs);
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const fieldJoins = joins(field.astNode?.directives, "join__field").filter((join) => join.graph !== undefined);
        // No join__field naming a graph: every subgraph that has the type resolves the field.
        const resolvers =
          fieldJoins.length === 0
            ? new Set(graphs)
            : new Set(fieldJoins.filter((j) => !j.external && !j.usedOverridden).map((j) => String(j.graph)));
        this.fieldGraphs.set(`${type.name}.${field.name}`, resolvers);
      }
    }
  }

  private keySet(type: string, graph: string): Set<string> {
    const id = `${graph}:${type}`;
    return this.keys.get(id) ?? this.keys.set(id, new Set()).get(id)!;
  }

  graphsOf(type: string): Set<string> {
    return this.typeGraphs.get(type) ?? new Set();
  }

  resolvers(type: string, field: string): Set<string> {
    return this.fieldGraphs.get(`${type}.${field}`) ?? new Set();
  }

  keyFields(type: string, graph: string): Set<string> {
    return this.keys.get(`${graph}:${type}`) ?? new Set();
  }

  /** The object types a position of this named type can hold in `graph`: itself, or the members it knows. */
  objectsAt(named: GraphQLNamedType, graph: string): GraphQLObjectType[] {
    if (isObjectType(named)) return [named];
    if (!isInterfaceType(named) && !isUnionType(named)) return [];
    return this.schema.getPossibleTypes(named).filter((member) => this.graphsOf(member.name).has(graph));
  }
}

/**
 * A root Query field is nullable: an operation may ask root fields of several subgraphs, and a non-null
 * one that fails nulls `data`, every other subgraph's root fields with it. Mutation fields are left as
 * they are (one per operation in our apps, expected outcomes in their result unions), and a
 * subscription has exactly one root field, so its null costs nothing else.
 */
function checkRoot(parent: string, field: GraphQLField<unknown, unknown>, graph: string): PartialResultsViolation[] {
  if (!isNonNullType(field.type)) return [];
  return [
    {
      subgraph: graph,
      position: `${parent}.${field.name}`,
      type: String(field.type),
      entity: "Query",
      foreignNonNull: [],
      reason: `a non-null root Query field: ${graph} failing it nulls data, and every other subgraph's root fields with it; make it nullable`,
    },
  ];
}

function check(
  resolution: Resolution,
  parent: string,
  field: GraphQLField<unknown, unknown>,
  graph: string,
): PartialResultsViolation[] {
  const violations: PartialResultsViolation[] = [];
  // @provides lets this subgraph answer some of the entity's fields at this position itself.
  const provided = new Set(
    joins(field.astNode?.directives, "join__field")
      .filter((join) => String(join.graph) === graph && typeof join.provides === "string")
      .flatMap((join) => topLevelFields(join.provides as string)),
  );
  for (const entity of resolution.objectsAt(getNamedType(field.type), graph)) {
    const fields = Object.values(entity.getFields());
    const here = (f: GraphQLField<unknown, unknown>) =>
      resolution.resolvers(entity.name, f.name).has(graph) || provided.has(f.name);
    const foreignNonNull = fields.filter((f) => !here(f) && isNonNullType(f.type));
    if (foreignNonNull.length === 0) continue;
    const keys = resolution.keyFields(entity.name, graph);
    const ownNonNull = fields.filter((f) => here(f) && isNonNullType(f.type) && !keys.has(f.name));
    if (holdsNull(field.type) && ownNonNull.length === 0) continue;
    // Where this subgraph serves the entity's own data, a nullable position would still lose that data.
    const reason =
      ownNonNull.length > 0
        ? `${graph} also resolves non-null ${ownNonNull.map((f) => `${entity.name}.${f.name}`).join(", ")}: make the foreign fields nullable`
        : "a reference at a non-null position: make it nullable, or a list's items";
    violations.push({
      subgraph: graph,
      position: `${parent}.${field.name}`,
      type: String(field.type),
      entity: entity.name,
      foreignNonNull: foreignNonNull.map((f) => `${entity.name}.${f.name}: ${String(f.type)}`),
      reason,
    });
  }
  return violations;
}

/**
 * Every field position S:T.F whose value would be nulled, beyond the foreign fields themselves, when
 * another subgraph is down. For each subgraph S and field F of T that S resolves, with an object type E
 * at F (or E a member of F's interface or union), the non-null fields of E that S cannot resolve are a
 * violation unless F holds a null at its innermost level and S resolves no non-null non-key field of E
 * (S holds E as a reference, so the null stops at the reference). A non-null root Query field is a
 * violation too: its null would take the other subgraphs' root fields with it.
 */
export function partialResultsViolations(supergraphSdl: string): PartialResultsViolation[] {
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  const resolution = new Resolution(schema);
  const violations: PartialResultsViolation[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || type.name.startsWith("join__") || type.name.startsWith("link__")) continue;
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      for (const graph of resolution.resolvers(type.name, field.name)) {
        if (type === schema.getQueryType()) violations.push(...checkRoot(type.name, field, graph));
        violations.push(...check(resolution, type.name, field, graph));
      }
    }
  }
  return violations.sort(
    (a, b) =>
      Number(ROOT_TYPES.has(b.position.split(".")[0]!)) - Number(ROOT_TYPES.has(a.position.split(".")[0]!)) ||
      a.position.localeCompare(b.position) ||
      a.subgraph.localeCompare(b.subgraph),
  );
}

/** One line per violation, for test failures and `npm run compose`. */
export function describeViolation(violation: PartialResultsViolation): string {
  return `${violation.subgraph} ${violation.position}: ${violation.type} -> ${violation.foreignNonNull.join(", ") || "data: null"} (${violation.reason})`;
}
