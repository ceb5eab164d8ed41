import type { DomainEvent } from "./event";

/** One stream entry; `fields` is null when the entry was trimmed away while still pending. */
export interface StreamEntry {
  id: string;
  fields: string[] | null;
}

/** Stream entry fields for an event: flat and readable in `redis-cli XRANGE`. */
export function encodeEvent(event: DomainEvent): string[] {
  return [
    "id",
    event.id,
    "type",
    event.type,
    "source",
    event.source,
    "aggregate_id",
    event.aggregateId,
    "occurred_at",
    event.occurredAt.toISOString(),
    "payload",
    JSON.stringify(event.payload),
  ];
}

/** The event stored in a stream entry; throws if the entry is not one of ours. */
export function decodeEvent(fields: readonly string[]): DomainEvent {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i] as string, fields[i + 1] as string);
  const field = (name: string): string => {
    const value = map.get(name);
    if (value === undefined) throw new Error(`stream entry has no "${name}" field`);
    return value;
  };
  const payload: unknown = JSON.parse(field("payload"));
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    throw new Error("stream entry payload is not an object");
  const occurredAt = new Date(field("occurred_at"));
  if (Number.isNaN(occurredAt.getTime())) throw new Error("stream entry occurred_at is not a date");
  return {
    id: field("id"),
    type: field("type"),
    source: field("source"),
    aggregateId: field("aggregate_id"),
    occurredAt,
    payload: payload as Record<string, unknown>,
  };
}

function entries(value: unknown): StreamEntry[] {
  if (!Array.isArray(value)) throw new Error("unexpected Redis stream reply");
  return value.map((item: unknown) => {
    if (!Array.isArray(item) || typeof item[0] !== "string") throw new Error("unexpected Redis stream entry");
    const fields: unknown = item[1];
    if (fields === null) return { id: item[0], fields: null };
    if (!Array.isArray(fields) || !fields.every((f) => typeof f === "string"))
      throw new Error("unexpected Redis stream fields");
    return { id: item[0], fields: fields as string[] };
  });
}

/** XREADGROUP on one stream (RESP2): null on timeout, else `[[stream, entries]]`. */
export function parseReadReply(reply: unknown): StreamEntry[] {
  if (reply === null) return [];
  if (!Array.isArray(reply) || !Array.isArray(reply[0])) throw new Error("unexpected XREADGROUP reply");
  return entries((reply[0] as unknown[])[1]);
}

/** XAUTOCLAIM (RESP2): `[nextCursor, entries, deletedIds]` (the last part since Redis 7). */
export function parseAutoclaimReply(reply: unknown): { cursor: string; entries: StreamEntry[] } {
  if (!Array.isArray(reply) || typeof reply[0] !== "string") throw new Error("unexpected XAUTOCLAIM reply");
  return { cursor: reply[0], entries: entries(reply[1]) };
}
