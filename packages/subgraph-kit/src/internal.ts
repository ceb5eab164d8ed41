import type { ApolloServerPlugin } from "@apollo/server";
import {
  GraphQLError,
  Kind,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { createUnionType, Directive, UseMiddleware, type ClassType, type MiddlewareFn } from "type-graphql";
import type { BaseContext } from "./context";
import { ForbiddenError } from "./errors";

/** Refuses the field unless the caller presented the gateway secret (the gateway or another subgraph). */
export const TrustedCallersOnly: MiddlewareFn<BaseContext> = ({ context }, next) => {
  if (!context.trustedCaller) throw new ForbiddenError("This field is internal to Pawgraph's services");
  return next();
};

/**
 * The one way to mark a service-to-service field (contacts, audiences, stock reservation, ...):
 * `@inaccessible`, so composition keeps it out of the client-facing schema and the gateway never
 * serves it, and guarded, so a subgraph called directly refuses it to anyone without the gateway
 * secret, even where the secret is not required of every call (REQUIRE_GATEWAY_SECRET=false).
 */
export function Internal(): MethodDecorator & PropertyDecorator {
  const inaccessible = Directive("@inaccessible");
  const guarded = UseMiddleware(TrustedCallersOnly);
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    inaccessible(target, key, descriptor!);
    guarded(target, key, descriptor!);
  };
}

/** Marks a type that only internal fields return: kept out of the client-facing schema. */
export function InternalType(): ClassDecorator {
  return Directive("@inaccessible");
}

/** Names of the unions `createInternalUnionType` made; the schema builder marks them `@inaccessible`. */
const internalUnions = new Set<string>();

/**
 * A result union that only internal fields return (e.g. StockReserved | StockShortfallError).
 * type-graphql cannot put a directive on a union, and composition refuses a union left in the
 * client-facing schema whose members are all `@inaccessible`; so the kit remembers the name and
 * `markInternalUnions` adds `@inaccessible` to its SDL when the schema is built.
 */
export function createInternalUnionType<T extends readonly ClassType[]>(
  config: Parameters<typeof createUnionType<T>>[0],
): ReturnType<typeof createUnionType<T>> {
  internalUnions.add(config.name);
  return createUnionType(config);
}

/** Adds `@inaccessible` to the unions made by `createInternalUnionType` in a subgraph's SDL. */
export function markInternalUnions(document: DocumentNode): DocumentNode {
  return visit(document, {
    UnionTypeDefinition(node) {
      if (!internalUnions.has(node.name.value) || node.directives?.some((d) => d.name.value === "inaccessible"))
        return undefined;
      const inaccessible = { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: "inaccessible" }, arguments: [] };
      return { ...node, directives: [...(node.directives ?? []), inaccessible] };
    },
  });
}

/**
 * Root fields only trusted callers may select: federation's `_entities` (any entity by id, bypassing
 * the root fields' checks) and `_service` (the subgraph's SDL, internal fields included), and
 * introspection.
 */
const TRUSTED_ROOT_FIELDS = new Set(["_entities", "_service", "__schema", "__type"]);

function rootFieldNames(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): string[] {
  const names: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) names.push(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      names.push(...rootFieldNames(selection.selectionSet, fragments, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) names.push(...rootFieldNames(fragment.selectionSet, fragments, seen));
    }
  }
  return names;
}

/** The first root field of `operation` that needs a trusted caller, if any. */
export function trustedOnlyRootField(document: DocumentNode, operation: OperationDefinitionNode): string | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return rootFieldNames(operation.selectionSet, fragments).find((name) => TRUSTED_ROOT_FIELDS.has(name));
}

export function untrustedRootFieldError(field: string): GraphQLError {
  return new GraphQLError(`${field} is only served to Pawgraph's gateway and services`, {
    extensions: { code: "FORBIDDEN", http: { status: 403 } },
  });
}

/** Apollo Server plugin: `_entities`, `_service` and introspection only for callers with the gateway secret. */
export function trustedRootFieldsPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          if (contextValue.trustedCaller || !operation) return;
          const field = trustedOnlyRootField(document, operation);
          if (field) throw untrustedRootFieldError(field);
        },
      };
    },
  };
}
