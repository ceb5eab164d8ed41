import type { ApolloServerPlugin } from "@apollo/server";
import {
  BREAK,
  getNamedType,
  GraphQLError,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { GatewayContext } from "../context";

/**
 * The one place API key scopes are enforced (docs/decisions/0046): the root fields each scope opens,
 * by operation type. A root field missing here is refused to every key, so new fields (and every
 * account, security and key-management field) are closed to keys until someone opens them here.
 * The scope names are identity's `ApiKeyScope` values.
 */
export const API_KEY_SCOPE_FIELDS: Record<string, { query?: string[]; mutation?: string[] }> = {
  CATALOG_READ: { query: ["vendors", "vendor", "categories", "category", "product", "searchProducts"] },
  CLINICS_READ: { query: ["clinics", "clinic", "availableSlots"] },
  PETS_READ: { query: ["myPets", "pets", "pet"] },
  BOOKINGS_WRITE: {
    query: ["booking"],
    mutation: ["holdSlot", "releaseHold", "confirmBooking", "cancelBooking", "rescheduleBooking"],
  },
};

/**
 * What a root field leads to is checked too: a key reaches these types (and their connections and
 * edges), anywhere in the operation, only with the scope, so `me { pets }` or `product { reviews {
 * author { pets } } }` are not a way round PETS_READ. The owner's permissions still apply on top.
 */
export const API_KEY_SCOPE_TYPES: Record<string, string> = {
  Pet: "PETS_READ",
  Booking: "BOOKINGS_WRITE",
};

/** Single fields that say as much as a guarded type: the secret calendar address lists the owner's bookings. */
export const API_KEY_SCOPE_COORDINATES: Record<string, string> = {
  "User.calendarFeedUrl": "BOOKINGS_WRITE",
};

/** Open to every key: who the key acts for, and the schema's own fields (introspection is governed by the gateway's settings). */
const ALWAYS = { query: new Set(["me", "__typename", "__schema", "__type"]), mutation: new Set(["__typename"]) };

/** The code of a field a key's scopes do not open. */
export const API_KEY_SCOPE_FORBIDDEN = "FORBIDDEN";

/** Whether a key with `scopes` may run this root field. Subscriptions are never open to keys. */
export function scopeAllows(scopes: readonly string[], operation: string, field: string): boolean {
  if (operation !== "query" && operation !== "mutation") return false;
  if (ALWAYS[operation].has(field)) return true;
  return scopes.some((scope) => API_KEY_SCOPE_FIELDS[scope]?.[operation]?.includes(field) ?? false);
}

/** The root fields an operation selects, through inline fragments and fragment spreads. */
export function rootFieldsOf(operation: OperationDefinitionNode, document: DocumentNode): string[] {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const fields = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return [...fields];
}

/** `PetConnection` and `PetEdge` lead to `Pet`. */
function guardedScopeOf(typeName: string): string | undefined {
  return API_KEY_SCOPE_TYPES[typeName.replace(/(?:Connection|Edge)$/, "")];
}

/**
 * The first field of the operation the key's scopes do not open, if any: a root field outside the
 * scopes' lists, or a field anywhere that returns a guarded type (`Type.field`) without its scope.
 */
export function firstForbiddenField(
  scopes: readonly string[],
  operation: OperationDefinitionNode,
  document: DocumentNode,
  schema?: GraphQLSchema,
): string | undefined {
  const root = rootFieldsOf(operation, document).find((field) => !scopeAllows(scopes, operation.operation, field));
  if (root !== undefined || !schema) return root;
  // The operation and the fragments it may spread (an unused fragment fails validation before this).
  const checked: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION),
  };
  const typeInfo = new TypeInfo(schema);
  let forbidden: string | undefined;
  visit(
    checked,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const type = typeInfo.getType();
        const coordinate = `${parent?.name ?? "?"}.${node.name.value}`;
        const needed =
          API_KEY_SCOPE_COORDINATES[coordinate] ?? (type ? guardedScopeOf(getNamedType(type).name) : undefined);
        if (needed !== undefined && !scopes.includes(needed)) {
          forbidden = coordinate;
          return BREAK;
        }
        return undefined;
      },
    }),
  );
  return forbidden;
}

/**
 * Refuses an operation made with an API key when one of its root fields is outside the key's
 * scopes (or reaches a guarded type), once the operation is known and before anything is sent to a
 * subgraph: FORBIDDEN with `extensions.field` (the root field, or `Type.field` deeper down) and
 * `extensions.scopes` (the key's), status 403.
 */
export function apiKeyScopesPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue, schema }) {
          const key = contextValue.apiKey;
          if (!key || !operation) return;
          const field = firstForbiddenField(key.scopes, operation, document, schema);
          if (field === undefined) return;
          throw new GraphQLError(
            `This API key may not use \`${field}\`: ${operation.operation === "subscription" ? "subscriptions need a signed-in session" : "its scopes do not include it"}.`,
            {
              extensions: { code: API_KEY_SCOPE_FORBIDDEN, field, scopes: key.scopes, http: { status: 403 } },
            },
          );
        },
      };
    },
  };
}
