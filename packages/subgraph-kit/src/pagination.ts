import DataLoader from "dataloader";
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from "type-graphql";
import { BadUserInputError } from "./errors";
import { groupByKey } from "./loaders";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./page-size";

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

/** Relay page information; the same type in every subgraph, hence shareable. */
@Directive("@shareable")
@ObjectType({ description: "Where a page of a connection sits in the whole list (Relay cursor connections)." })
export class PageInfo {
  @Field(() => Boolean, { description: "True when more items follow the last edge of this page." })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: "True when this page was requested with `after`, so items come before it." })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the first edge of this page, null when the page is empty.",
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the last edge; pass it as `after` to get the next page.",
  })
  endCursor!: string | null;
}

/** Standard forward-pagination arguments. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many items to return, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Return items after this cursor (a previous page's `pageInfo.endCursor`).",
  })
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
 * One part of a keyset (the sort key a connection pages by): `"date"` (a timestamp, in the cursor as
 * ISO 8601), `"seq"` (a bigint sequence or id, in the cursor as decimal digits), `"uuid"` (a uuid
 * column: anything else would reach Postgres and fail there), `"string"` or `"number"` (finite).
 */
export type KeyPart = "date" | "seq" | "uuid" | "string" | "number";
type KeyPartValue<P extends KeyPart> = P extends "date" ? Date : P extends "number" ? number : string;
/** The decoded value of a keyset: `keyset("date", "string")` pages by `[Date, string]`. */
export type KeyOf<P extends readonly KeyPart[]> = { -readonly [I in keyof P]: KeyPartValue<P[I]> };

/** Turns a row's sort key into an opaque cursor and a client's cursor back into a checked sort key. */
export interface Keyset<K> {
  encode(key: K): string;
  /** Throws BAD_USER_INPUT naming `field` when the cursor is not one this keyset made. */
  decode(cursor: string, field?: string): K;
  /** This keyset for rows of one kind: how a row's sort key is read (`w => [w.measuredAt, w.seq]`). */
  of<Row>(keyOf: (row: Row) => K): RowKeyset<Row, K>;
}

/** A keyset bound to its rows; what `paginate` takes. Declare one per connection, next to its query. */
export interface RowKeyset<Row, K> extends Keyset<K> {
  keyOf(row: Row): K;
}

/** Postgres `bigint`: a larger sequence would fail in the query, not here. */
const MAX_BIGINT = 2n ** 63n - 1n;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodePart(part: KeyPart, value: string | number): string | number | Date | undefined {
  switch (part) {
    case "date": {
      const date = typeof value === "string" ? new Date(value) : undefined;
      return date && !Number.isNaN(date.getTime()) ? date : undefined;
    }
    case "seq": {
      const digits = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
      return typeof digits === "string" && /^\d{1,19}$/.test(digits) && BigInt(digits) <= MAX_BIGINT
        ? digits
        : undefined;
    }
    case "uuid":
      return typeof value === "string" && UUID.test(value) ? value : undefined;
    case "string":
      return typeof value === "string" ? value : undefined;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? value : undefined;
  }
}

/** The cursor format of a connection sorted by `parts`, e.g. `keyset("date", "seq")` for (measured_at, seq). */
export function keyset<const P extends readonly KeyPart[]>(...parts: P): Keyset<KeyOf<P>> {
  const codec: Keyset<KeyOf<P>> = {
    encode: (key) =>
      encodeCursor((key as readonly (string | number | Date)[]).map((v) => (v instanceof Date ? v.toISOString() : v))),
    decode(cursor, field = "after") {
      const values = decodeCursor(cursor, parts.length, field).map((value, i) => decodePart(parts[i]!, value));
      if (values.some((v) => v === undefined)) throw new BadUserInputError(field, `${field} is not a valid cursor`);
      return values as KeyOf<P>;
    },
    of: (keyOf) => ({ ...codec, keyOf }),
  };
  return codec;
}

/** What a connection's query is asked for: `limit` rows (the page size plus one, to learn whether more follow) after `after`. */
export interface PageQuery<K> {
  limit: number;
  after: K | undefined;
}

export interface PaginateOptions<Row, K, Node> {
  /** The cursor format and how a row's sort key is read. */
  keyset: RowKeyset<Row, K>;
  /** Up to `limit` rows in sort order, strictly after `after` when given. */
  fetch: (query: PageQuery<K>) => Promise<Row[]>;
  /** Row → GraphQL node (the mapper); rows are the nodes when omitted. */
  map?: (row: Row) => Node;
}

/**
 * A keyset-paginated connection: checks `first` (1 to MAX_PAGE_SIZE, default DEFAULT_PAGE_SIZE),
 * decodes and checks `after`, fetches one row more than the page to fill `hasNextPage`, and builds
 * the edges with their cursors. Every connection in every subgraph goes through here
 * (docs/decisions/0005, 0029).
 */
export async function paginate<Row, K, Node = Row>(
  args: { first?: number | null; after?: string | null },
  options: PaginateOptions<Row, K, Node>,
): Promise<Connection<Node>> {
  const size = pageSize(args.first);
  const after = args.after ? options.keyset.decode(args.after) : undefined;
  const rows = await options.fetch({ limit: size + 1, after });
  const page = rows.slice(0, size);
  const map = options.map ?? ((row: Row) => row as unknown as Node);
  const edges = page.map((row) => ({ cursor: options.keyset.encode(options.keyset.keyOf(row)), node: map(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: !!args.after,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** A page asked of a `pageLoader`: one parent's page, with the filter the field was given (if any). */
export interface PageKey<K, F = undefined> extends PageQuery<K> {
  parentId: string;
  filter?: F;
}

/**
 * A per-request DataLoader that returns one page per parent (a pet's weight history, a pet's health
 * timeline): parents asking for the same page shape (limit, cursor, filter) in one tick share one
 * statement, `fetch(parentIds, shape)`, which returns up to `limit` rows per parent (e.g. with
 * `row_number() over (partition by parent ...)`). Use its `load` as `paginate`'s `fetch`.
 */
export function pageLoader<Row, K, F = undefined>(
  fetch: (parentIds: string[], query: PageQuery<K> & { filter: F | undefined }) => Promise<Row[]>,
  parentOf: (row: Row) => string,
): DataLoader<PageKey<K, F>, Row[], string> {
  const shapeOf = (key: PageKey<K, F>) => JSON.stringify([key.limit, key.after ?? null, key.filter ?? null]);
  return new DataLoader<PageKey<K, F>, Row[], string>(
    async (keys) => {
      const shapes = new Map<string, PageKey<K, F>[]>();
      for (const key of keys) shapes.set(shapeOf(key), [...(shapes.get(shapeOf(key)) ?? []), key]);
      const pages = new Map<string, Row[]>();
      await Promise.all(
        [...shapes].map(async ([shape, group]) => {
          const { limit, after, filter } = group[0]!;
          const parentIds = [...new Set(group.map((key) => key.parentId))];
          const rows = groupByKey(parentIds, await fetch(parentIds, { limit, after, filter }), parentOf);
          parentIds.forEach((parentId, i) => pages.set(JSON.stringify([parentId, shape]), rows[i]!));
        }),
      );
      return keys.map((key) => pages.get(JSON.stringify([key.parentId, shapeOf(key)])) ?? []);
    },
    { cacheKeyFn: (key) => JSON.stringify([key.parentId, shapeOf(key)]) },
  );
}
