import { z } from "zod";
import type { Logger } from "pino";
import type { DomainEvent, EventHandler, NewDomainEvent } from "./event";

/** An object schema: an event payload is always a JSON object. */
export type PayloadSchema = z.ZodObject;

/** What a decoder needs of an event; `id` and `source` only name it in errors (unit tests pass type and payload alone). */
export type EventLike = Pick<DomainEvent, "type" | "payload"> & Partial<Pick<DomainEvent, "id" | "source">>;

/**
 * The type an event of `name` travels under. Version 1 keeps the bare name, so every event written
 * before versions existed (all of them, in outboxes and streams) is version 1 as it stands; a
 * breaking change is a new type `<name>.v<n>` that consumers subscribe to when they can read it.
 */
export function wireType(name: string, version: number): string {
  if (!Number.isInteger(version) || version < 1)
    throw new Error(`Event ${name}: version must be a positive integer, got ${version}`);
  return version === 1 ? name : `${name}.v${version}`;
}

/** A payload that does not match the reader's schema; no retry can fix it (see `skipUndecodable`). */
export class EventDecodeError extends Error {
  constructor(
    readonly event: Pick<EventLike, "id" | "type" | "source">,
    readonly issues: string,
  ) {
    super(
      `event ${event.id ?? "(no id)"} (${event.type}${event.source ? ` from ${event.source}` : ""}) does not match its contract:\n${issues}`,
    );
    this.name = "EventDecodeError";
  }
}

/** One event as a reader sees it: who writes it, under which type, and the schema of the fields it reads. */
export interface EventReader<Schema extends PayloadSchema = PayloadSchema> {
  /** The producing subgraph (its Postgres schema, = `DomainEvent.source`). */
  readonly source: string;
  /** `<aggregate>.<past-tense verb>`, e.g. `booking.confirmed`. */
  readonly name: string;
  readonly version: number;
  /** `DomainEvent.type` on the wire (`wireType(name, version)`): what consumers filter on. */
  readonly type: string;
  readonly payload: Schema;
  /** The payload, checked; throws EventDecodeError naming the event and each field that is wrong. */
  decode(event: EventLike): z.output<Schema>;
}

/** An event a subgraph publishes: its reader plus a typed constructor and an example payload for the contract files. */
export interface EventContract<Schema extends PayloadSchema = PayloadSchema> extends EventReader<Schema> {
  /** What the event means, for the committed JSON Schema. */
  readonly description: string;
  /** A realistic payload, checked against the schema by the contract tests and by every consumer's reader. */
  readonly example: z.input<Schema>;
  /** The event for `writeEvent`; the payload is checked first, so what reaches the outbox is what the contract says. */
  create(aggregateId: string, payload: z.input<Schema>): NewDomainEvent;
}

interface ReaderDefinition<Schema extends PayloadSchema> {
  source: string;
  name: string;
  /** Default 1. */
  version?: number;
  payload: Schema;
}

/** A consumer's own copy of an event it reads: only the fields it uses, optional where older events lack them. */
export function readEvent<Schema extends PayloadSchema>(definition: ReaderDefinition<Schema>): EventReader<Schema> {
  const version = definition.version ?? 1;
  const type = wireType(definition.name, version);
  return {
    source: definition.source,
    name: definition.name,
    version,
    type,
    payload: definition.payload,
    decode(event) {
      if (event.type !== type) throw new EventDecodeError(event, `expected type ${type}`);
      const parsed = definition.payload.safeParse(event.payload);
      if (!parsed.success) throw new EventDecodeError(event, z.prettifyError(parsed.error));
      return parsed.data;
    },
  };
}

/**
 * An event this subgraph publishes (declared in its `src/events.ts`). Producers write strict
 * schemas (`z.strictObject`): a field added to the payload but not to the contract fails at
 * `create`, instead of reaching consumers undocumented.
 */
export function defineEvent<Schema extends PayloadSchema>(
  definition: ReaderDefinition<Schema> & { description: string; example: z.input<Schema> },
): EventContract<Schema> {
  const reader = readEvent(definition);
  return {
    ...reader,
    description: definition.description,
    example: definition.example,
    create(aggregateId, payload) {
      const parsed = definition.payload.safeParse(payload);
      if (!parsed.success)
        throw new Error(`${reader.type} payload does not match its contract:\n${z.prettifyError(parsed.error)}`);
      return { type: reader.type, aggregateId, payload: parsed.data as Record<string, unknown> };
    },
  };
}

/**
 * Wraps a consumer's handler so an event whose payload can never decode is logged (id, type,
 * source, what is wrong) and skipped. The buses retry a rejected handler forever, in order, so one
 * such event would stop its consumer for good; a consumer whose schema drifted is caught earlier,
 * by the contract tests. Nothing of the skipped event is applied: the handler's transaction rolled back.
 */
export function skipUndecodable(handler: EventHandler, log: Logger): EventHandler {
  return async (event) => {
    try {
      await handler(event);
    } catch (error) {
      if (!(error instanceof EventDecodeError)) throw error;
      const fields = { eventId: event.id, type: event.type, source: event.source, issues: error.issues };
      log.error(fields, "skipping an event whose payload does not match the consumer's contract");
    }
  };
}
