import {
  CONSUMERS,
  PUBLISHED,
  committedContractFiles,
  contractFile,
  incompatibilities,
  readCommittedContract,
} from "./event-contracts";
import { existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { readEvent } from "@pawgraph/subgraph-kit";
import { z } from "zod";
import { ROOT } from "./supergraph";

// docs/decisions/0029: each consumer's own copy of an event reads what its producer's committed
// contract (events/<source>/<name>.v<version>.json) allows, and the producer's example decodes.
const readersOf = (path: string) =>
  Object.entries(CONSUMERS).flatMap(([consumer, readers]) =>
    readers.filter((reader) => contractFile(reader) === path).map((reader) => ({ consumer, reader })),
  );

const outcome = (decode: () => unknown): string => {
  try {
    decode();
    return "decodes";
  } catch (error) {
    return (error as Error).message;
  }
};

describe("event contracts", () => {
  const published = PUBLISHED.map((event) => [contractFile(event), event] as const);
  it.each(published)("%s: the producer's example fits, and every consumer reads it", (path, event) => {
    expect(committedContractFiles()).toContain(path);
    const contract = readCommittedContract(path);
    const example = contract.examples?.[0];
    expect(event.payload.safeParse(example).error).toBeUndefined();
    const sample = {
      id: "example",
      type: event.type,
      source: event.source,
      payload: example as Record<string, unknown>,
    };
    for (const { consumer, reader } of readersOf(path)) {
      expect({ consumer, problems: incompatibilities(contract, reader) }).toEqual({ consumer, problems: [] });
      expect({ consumer, decoded: outcome(() => reader.decode(sample)) }).toEqual({ consumer, decoded: "decodes" });
    }
  });

  it("lists every subgraph that publishes or reads events", () => {
    const subgraphs = readdirSync(resolve(ROOT, "subgraphs"));
    const having = (file: string) =>
      subgraphs.filter((name) => existsSync(resolve(ROOT, "subgraphs", name, "src", file))).sort();
    expect({ publishers: having("events.ts"), consumers: having("consumed-events.ts") }).toEqual({
      publishers: [...new Set(PUBLISHED.map((event) => event.source))].sort(),
      consumers: Object.keys(CONSUMERS).sort(),
    });
  });

  it("every event a consumer reads is published, under its producer's type", () => {
    const published = new Map(PUBLISHED.map((event) => [contractFile(event), event.type]));
    const orphans = Object.entries(CONSUMERS).flatMap(([consumer, readers]) =>
      readers
        .filter((reader) => published.get(contractFile(reader)) !== reader.type)
        .map((reader) => `${consumer} reads ${contractFile(reader)}`),
    );
    expect(orphans).toEqual([]);
  });
});

describe("the compatibility check", () => {
  const producer = {
    properties: {
      id: { type: "string" },
      at: { type: ["string", "null"] },
      side: { type: "string", enum: ["OWNER", "CLINIC"] },
      n: { type: "integer" },
    },
    required: ["id", "at", "side"],
  };
  const reading = (payload: z.ZodObject) =>
    incompatibilities(producer, readEvent({ source: "x", name: "x.happened", payload }));

  it("accepts a reader of a subset, with wider types and optional extras", () => {
    expect(
      reading(
        z.object({ id: z.string(), at: z.string().nullable(), n: z.number().optional(), gone: z.string().optional() }),
      ),
    ).toEqual([]);
  });

  it("names each field a reader needs but may not get, or cannot read", () => {
    expect(
      reading(
        z.object({ id: z.string(), at: z.string(), n: z.number(), side: z.enum(["OWNER"]), missing: z.string() }),
      ),
    ).toEqual([
      "at: the producer writes string | null, the reader accepts string",
      "n: required by the reader, but the producer may leave it out",
      'side: the producer writes "OWNER"|"CLINIC", the reader accepts "OWNER"',
      "missing: required by the reader, but the producer does not send it",
    ]);
  });

  it("looks inside arrays and the objects in them", () => {
    const nested = {
      properties: {
        lines: {
          type: "array",
          items: {
            type: "object",
            properties: { id: { type: "string" }, petId: { anyOf: [{ type: "string" }, { type: "null" }] } },
            required: ["id", "petId"],
          },
        },
        tags: { type: "array", items: { type: "string" } },
      },
      required: ["lines", "tags"],
    };
    const read = (payload: z.ZodObject) => incompatibilities(nested, readEvent({ source: "x", name: "x.y", payload }));
    expect(
      read(
        z.object({
          lines: z.array(z.object({ id: z.string(), petId: z.string().nullable() })),
          tags: z.array(z.string()),
        }),
      ),
    ).toEqual([]);
    expect(
      read(
        z.object({
          lines: z.array(z.object({ id: z.string(), petId: z.string(), qty: z.number() })),
          tags: z.array(z.number()),
        }),
      ),
    ).toEqual([
      "lines[].petId: the producer writes string | null, the reader accepts string",
      "lines[].qty: required by the reader, but the producer does not send it",
      "tags[]: the producer writes string, the reader accepts number",
    ]);
  });
});
