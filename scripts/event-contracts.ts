// The event contracts of every subgraph (docs/decisions/0029): the JSON Schema each producer's
// contract generates under events/, and the check that each consumer's own copy reads it.
import { readdirSync, readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { z } from "zod";
import type { EventContract, EventReader } from "@pawgraph/subgraph-kit";
import * as ai from "@pawgraph/ai";
import * as bookings from "@pawgraph/bookings";
import * as catalog from "@pawgraph/catalog";
import * as orders from "@pawgraph/orders";
import * as ehr from "@pawgraph/ehr";
import * as identity from "@pawgraph/identity";
import * as messaging from "@pawgraph/messaging";
import * as pets from "@pawgraph/pets";
import * as reports from "@pawgraph/reports";
import { ROOT } from "./supergraph";

/** Every event a subgraph publishes. */
export const PUBLISHED: readonly EventContract[] = [
  ...identity.PUBLISHED_EVENTS,
  ...bookings.PUBLISHED_EVENTS,
  ...ehr.PUBLISHED_EVENTS,
  ...messaging.PUBLISHED_EVENTS,
  ...catalog.PUBLISHED_EVENTS,
  ...orders.PUBLISHED_EVENTS,
  ...pets.PUBLISHED_EVENTS,
  ...reports.PUBLISHED_EVENTS,
  ...ai.PUBLISHED_EVENTS,
];

/** Each consuming subgraph's own copies of the events it reads. */
export const CONSUMERS: Record<string, readonly EventReader[]> = {
  identity: identity.CONSUMED_EVENTS,
  pets: pets.CONSUMED_EVENTS,
  messaging: messaging.CONSUMED_EVENTS,
  catalog: catalog.CONSUMED_EVENTS,
  orders: orders.CONSUMED_EVENTS,
  ehr: ehr.CONSUMED_EVENTS,
  reports: reports.CONSUMED_EVENTS,
  bookings: bookings.CONSUMED_EVENTS,
  ai: ai.CONSUMED_EVENTS,
};

export const EVENTS_DIR = resolve(ROOT, "events");

/** `events/<source>/<name>.v<version>.json`, relative to the repository root. */
export function contractFile(event: Pick<EventReader, "source" | "name" | "version">): string {
  return `events/${event.source}/${event.name}.v${event.version}.json`;
}

/** The committed file's text for a published event: its payload's JSON Schema, described, with the producer's example. */
export function contractJson(event: EventContract): string {
  const { $schema, ...schema } = z.toJSONSchema(event.payload);
  const document = {
    $schema,
    title: `${event.name} v${event.version}`,
    description: event.description,
    "x-source": event.source,
    "x-type": event.type,
    ...schema,
    examples: [event.payload.parse(event.example)],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** What `npm run generate` writes: path → text, for every published event. */
export function contractFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const event of PUBLISHED) {
    const path = contractFile(event);
    if (files.has(path)) throw new Error(`Two published events write ${path}`);
    files.set(path, contractJson(event));
  }
  return files;
}

/** The .json files now under events/, relative to the repository root. */
export function committedContractFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = resolve(dir, entry.name);
      return entry.isDirectory() ? walk(path) : entry.name.endsWith(".json") ? [path] : [];
    });
  try {
    return walk(EVENTS_DIR)
      .map((path) => relative(ROOT, path))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

export function readCommittedContract(path: string): JsonSchema {
  return JSON.parse(readFileSync(resolve(ROOT, path), "utf8")) as JsonSchema;
}

/** The parts of JSON Schema the contracts use (zod's output for objects of scalars, enums, nullables, arrays and nested objects). */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  examples?: unknown[];
}

/** One accepted shape: a JSON type and, when restricted, the values allowed. */
interface Alternative {
  type: string | undefined;
  values?: unknown[];
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function alternatives(schema: JsonSchema): Alternative[] {
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.flatMap(alternatives);
  const values = schema.const !== undefined ? [schema.const] : schema.enum;
  if (values) {
    const types = schema.type === undefined ? [...new Set(values.map(jsonType))] : [schema.type].flat();
    return types.map((type) => ({
      type,
      values: values.filter(
        (value) => jsonType(value) === type || (type === "number" && jsonType(value) === "integer"),
      ),
    }));
  }
  if (schema.type === undefined) return [{ type: undefined }];
  return [schema.type].flat().map((type) => ({ type }));
}

function covers(reader: Alternative, written: Alternative): boolean {
  if (
    reader.type !== undefined &&
    reader.type !== written.type &&
    !(reader.type === "number" && written.type === "integer")
  )
    return false;
  if (!reader.values) return true;
  return written.values !== undefined && written.values.every((value) => reader.values!.includes(value));
}

function shown(schema: JsonSchema): string {
  return alternatives(schema)
    .map((alt) => (alt.values ? alt.values.map((value) => JSON.stringify(value)).join("|") : (alt.type ?? "anything")))
    .join(" | ");
}

/**
 * Why `reader` cannot read what the producer's committed schema allows; empty when it can. Every
 * field the reader requires must be required by the producer, and every value the producer may
 * write in a field the reader declares must be one the reader accepts, down into the objects and
 * array items both sides nest (orders' `vendorOrders[]`, `lines[]`).
 */
export function incompatibilities(producer: JsonSchema, reader: EventReader): string[] {
  return objectProblems("", producer, z.toJSONSchema(reader.payload, { io: "input" }) as JsonSchema);
}

function objectProblems(prefix: string, written: JsonSchema, read: JsonSchema): string[] {
  const sentFields = written.properties ?? {};
  const producerRequires = new Set(written.required ?? []);
  const problems: string[] = [];
  for (const [name, accepted] of Object.entries(read.properties ?? {})) {
    const field = `${prefix}${name}`;
    const sent = sentFields[name];
    if ((read.required ?? []).includes(name) && !producerRequires.has(name)) {
      problems.push(
        `${field}: required by the reader, but the producer ${sent ? "may leave it out" : "does not send it"}`,
      );
    }
    if (sent) problems.push(...valueProblems(field, sent, accepted));
  }
  return problems;
}

function valueProblems(field: string, sent: JsonSchema, accepted: JsonSchema): string[] {
  const accepts = alternatives(accepted);
  if (!alternatives(sent).every((alt) => accepts.some((reading) => covers(reading, alt)))) {
    return [`${field}: the producer writes ${shown(sent)}, the reader accepts ${shown(accepted)}`];
  }
  const problems: string[] = [];
  const [sentObject, readObject] = [branch(sent, "object"), branch(accepted, "object")];
  if (sentObject && readObject?.properties) problems.push(...objectProblems(`${field}.`, sentObject, readObject));
  const [sentArray, readArray] = [branch(sent, "array"), branch(accepted, "array")];
  if (readArray?.items) {
    if (sentArray?.items) problems.push(...valueProblems(`${field}[]`, sentArray.items, readArray.items));
    else if (sentArray) problems.push(`${field}[]: the producer does not say what its items are`);
  }
  return problems;
}

/** The member of a (possibly nullable) schema that has JSON type `type`. */
function branch(schema: JsonSchema, type: string): JsonSchema | undefined {
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map((member) => branch(member, type)).find((member) => member !== undefined);
  return [schema.type].flat().includes(type) ? schema : undefined;
}
