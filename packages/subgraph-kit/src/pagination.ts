import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from "type-graphql";
import { BadUserInputError } from "./errors";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Relay page information; the same type in every subgraph, hence shareable. */
@Directive("@shareable")
@ObjectType({ description: "Where a page of a connection sits in the whole list (Relay cursor connections)." })
export class PageInfo {
  @Field(() => Boolean, { description: "True when more items follow the last edge of this page." })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: "True when this page was requested with `after`, so items come before it." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first edge of this page, null when the page is empty." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge; pass it as `after` to get the next page." })
  endCursor!: string | null;
}

/** Standard forward-pagination arguments. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `How many items to return, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Return items after this cursor (a previous page's `pageInfo.endCursor`)." })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** Creates the `<Name>Connection` and `<Name>Edge` GraphQL types for a node type. */
export function connectionType<T extends object>(
  node: ClassType<T> | (abstract new (...args: never[]) => T),
  name: string,
  itemsDescription: string,
): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${itemsDescription} in a page, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: "Opaque cursor of this edge; pass it as `after` to continue from here." })
    cursor!: string;

    @Field(() => node, { description: `The ${itemsDescription}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${itemsDescription}s (Relay cursor connection).` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: "The items of this page, in order." })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: "Cursors and whether more pages exist." })
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

/** Validates `first`, applying the default and the upper bound. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError("first", `first must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** Cursors are opaque to clients: base64url of the sort key values of an edge. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string, arity: number, field = "after"): (string | number)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === "string" || typeof v === "number")
    ) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError(field, `${field} is not a valid cursor`);
}

/**
 * Builds a connection from rows fetched with `LIMIT size + 1`: the extra row only tells that
 * another page exists.
 */
export function toConnection<T>(rows: T[], size: number, after: string | null | undefined, cursorOf: (row: T) => string): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ node, cursor: cursorOf(node) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: !!after,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
