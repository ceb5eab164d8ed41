import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";
import { DEFAULT_PAGE_SIZE } from "@pawgraph/subgraph-kit/src/edge";

/**
 * How an operation's cost is estimated before it runs: roughly the number of objects it can make
 * the subgraphs load. The numbers are tuned so that every operation in clients/operations fits well
 * under the default limit (a test checks) while fan-outs through nested pages do not.
 */
export interface CostModel {
  /** Each object in the answer (scalars and enums cost nothing: they come with their object). */
  objectCost: number;
  /** Added for each mutation field: a write costs more than a read. */
  mutationCost: number;
  /** Items assumed for a paginated field called without `first`/`last` (the kit's default page size). */
  defaultPageSize: number;
  /** Items assumed for a list field without slicing arguments. */
  defaultListSize: number;
  /** Items assumed for particular list fields (`Type.field`), where the default is far off. */
  listSizes: Record<string, number>;
  /**
   * Most items a paginated field (`Type.field`) returns in practice, whatever `first` asks: apps ask
   * `first: 100` to mean "all of them" where "all" is a handful.
   */
  pageSizeCaps: Record<string, number>;
}

export const DEFAULT_COST_MODEL: CostModel = {
  objectCost: 1,
  mutationCost: 10,
  defaultPageSize: DEFAULT_PAGE_SIZE,
  defaultListSize: 3,
  listSizes: {
    // Ten vets' free starts over two weeks run to thousands (120 ms to compute); a client asks for a day or a week.
    "Query.availableSlots": 250,
  },
  pageSizeCaps: {
    // One person's own pets: a few for owners, a few dozen for a breeder; apps ask for 100 to get them all.
    "Query.myPets": 20,
  },
};

/** Relay wrappers carry no work of their own: the items they wrap are counted instead. */
function isWrapper(type: GraphQLNamedType): boolean {
  return type.name === "PageInfo" || type.name.endsWith("Connection") || type.name.endsWith("Edge");
}

const SLICING_ARGUMENTS = new Set(["first", "last"]);

interface Walk {
  schema: GraphQLSchema;
  model: CostModel;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  variableDefaults: Map<string, ValueNode>;
}

/**
 * The estimated cost of one operation of `document` with these variables (IBM's GraphQL cost
 * directives and Apollo's demand control count the same way): each object costs `objectCost`, a
 * field with `first`/`last` multiplies the cost of everything selected below it by that number
 * (the default page size when absent), the list directly inside it (`edges`) is sized by it, and
 * other lists by an assumed size. Of mutually exclusive fragments (`... on Visit`, `... on
 * Vaccination`) the dearest counts. Introspection costs nothing. Returns 0 for an unknown operation.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  model: CostModel = DEFAULT_COST_MODEL,
): number {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const walk: Walk = {
    schema,
    model,
    fragments: new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((f) => [f.name.value, f]),
    ),
    variables: variables ?? {},
    variableDefaults: new Map(
      (operation.variableDefinitions ?? []).flatMap((v) =>
        v.defaultValue ? [[v.variable.name.value, v.defaultValue] as const] : [],
      ),
    ),
  };
  const isMutation = operation.operation === "mutation";
  return selectionCost(walk, root, operation.selectionSet, false, isMutation);
}

/** Fields selected on `type` plus the dearest of the fragments on other (mutually exclusive) types. */
function selectionCost(
  walk: Walk,
  type: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  sized: boolean,
  mutationRoot = false,
  seen: ReadonlySet<string> = new Set(),
): number {
  let direct = 0;
  const branches = new Map<string, number>();
  const addFragment = (condition: string | undefined, inner: SelectionSetNode, innerSeen: ReadonlySet<string>) => {
    const onType = condition ? walk.schema.getType(condition) : type;
    if (!onType || !isCompositeType(onType)) return;
    const cost = selectionCost(walk, onType, inner, sized, mutationRoot, innerSeen);
    if (onType === type) direct += cost;
    else branches.set(onType.name, (branches.get(onType.name) ?? 0) + cost);
  };
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) direct += fieldCost(walk, type, selection, sized, mutationRoot, seen);
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      addFragment(selection.typeCondition?.name.value, selection.selectionSet, seen);
    else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      // Validation refuses fragment cycles; the guard keeps an unvalidated document from looping.
      if (fragment && !seen.has(name))
        addFragment(fragment.typeCondition.name.value, fragment.selectionSet, new Set([...seen, name]));
    }
  }
  return direct + Math.max(0, ...branches.values());
}

function fieldCost(
  walk: Walk,
  parent: GraphQLCompositeType,
  field: FieldNode,
  sized: boolean,
  mutationRoot: boolean,
  seen: ReadonlySet<string>,
): number {
  const name = field.name.value;
  if (name.startsWith("__")) return 0;
  const definition: GraphQLField<unknown, unknown> | undefined =
    isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
  if (!definition) return 0;
  const type = getNamedType(definition.type);
  const slices = definition.args.some((arg) => SLICING_ARGUMENTS.has(arg.name));
  let multiplier = 1;
  if (slices)
    multiplier = Math.min(
      sliceSize(walk, definition, field),
      walk.model.pageSizeCaps[`${parent.name}.${name}`] ?? Infinity,
    );
  else if (isListType(getNullableType(definition.type)) && !sized)
    multiplier = walk.model.listSizes[`${parent.name}.${name}`] ?? walk.model.defaultListSize;
  let cost = mutationRoot ? walk.model.mutationCost : 0;
  if (isCompositeType(type)) {
    if (!isWrapper(type)) cost += walk.model.objectCost;
    if (field.selectionSet) cost += selectionCost(walk, type, field.selectionSet, slices, false, seen);
  }
  return multiplier * cost;
}

/** The page size a field asks for: its `first` or `last` (the larger if both), from a literal or a variable, else the default. */
function sliceSize(walk: Walk, definition: GraphQLField<unknown, unknown>, field: FieldNode): number {
  let size: number | undefined;
  for (const arg of field.arguments ?? []) {
    if (!SLICING_ARGUMENTS.has(arg.name.value)) continue;
    const value = intOf(walk, arg.value);
    if (value !== undefined) size = Math.max(size ?? 0, value);
  }
  if (size === undefined) {
    const declared = definition.args.find(
      (arg) => SLICING_ARGUMENTS.has(arg.name) && typeof arg.defaultValue === "number",
    )?.defaultValue;
    size = typeof declared === "number" ? declared : walk.model.defaultPageSize;
  }
  return Math.max(0, size);
}

function intOf(walk: Walk, value: ValueNode): number | undefined {
  if (value.kind === Kind.INT) return Number.parseInt(value.value, 10);
  if (value.kind === Kind.VARIABLE) {
    const given = walk.variables[value.name.value];
    if (typeof given === "number" && Number.isFinite(given)) return Math.trunc(given);
    const fallback = walk.variableDefaults.get(value.name.value);
    return fallback ? intOf(walk, fallback) : undefined;
  }
  return undefined;
}
