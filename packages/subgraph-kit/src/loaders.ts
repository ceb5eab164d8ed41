import DataLoader from "dataloader";

/** Orders rows to match the keys DataLoader asked for; a missing row becomes `null`. */
export function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((key) => map.get(key) ?? null);
}

/** Groups rows under the keys DataLoader asked for; a key with no rows gets `[]`. */
export function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
}

/** A per-request loader of one row per key (by id). A missing row is null; a failed batch rejects every key (never null). */
export function rowLoader<K, V>(
  load: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => byKey(keys, await load(keys), keyOf));
}

/** A per-request loader of many rows per key (a one-to-many relation). */
export function groupLoader<K, V>(
  load: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => groupByKey(keys, await load(keys), keyOf));
}

/**
 * Loads every key in one batch, like `loader.loadMany(keys)`, but a failed load rejects instead of
 * sitting in the list: `loadMany` returns errors as values, and a caller that maps "not a row" to
 * null turns a database outage into "not found" (or, for access checks, "not yours"). Telling such
 * values apart with `instanceof Error` also fails for errors made in another realm (Node's socket
 * errors under Jest's sandbox), which is why this uses `load`'s own rejection.
 */
export function loadEach<K, V, C = K>(loader: DataLoader<K, V, C>, keys: readonly K[]): Promise<V[]> {
  return Promise.all(keys.map((key) => loader.load(key)));
}
