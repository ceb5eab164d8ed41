import { printSubgraphSchema } from "@apollo/subgraph";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
} from "graphql";
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { buildIdentitySchema } from "@pawgraph/identity";
import { buildPetsSchema } from "@pawgraph/pets";
import { buildEhrSchema } from "@pawgraph/ehr";
import { buildBookingsSchema } from "@pawgraph/bookings";
import { buildCatalogSchema } from "@pawgraph/catalog";
import { buildOrdersSchema } from "@pawgraph/orders";
import { buildAiSchema } from "@pawgraph/ai";
import { buildMessagingSchema } from "@pawgraph/messaging";
import { buildReportsSchema } from "@pawgraph/reports";
import { committedContractFiles, contractFiles } from "../scripts/event-contracts";
import { ROOT, composeSupergraph, readSupergraphConfig } from "../scripts/supergraph";

const read = (path: string) => readFileSync(resolve(ROOT, path), "utf8");
const STALE = "is stale: run `npm run generate` and commit the result";

describe("generated files are committed and current", () => {
  const builders: Record<string, () => ReturnType<typeof buildPetsSchema>> = {
    identity: buildIdentitySchema,
    pets: buildPetsSchema,
    ehr: buildEhrSchema,
    bookings: buildBookingsSchema,
    catalog: buildCatalogSchema,
    orders: buildOrdersSchema,
    ai: buildAiSchema,
    messaging: buildMessagingSchema,
    reports: buildReportsSchema,
  };

  it("every subgraph in supergraph.yaml has a builder here", () => {
    expect(Object.keys(readSupergraphConfig().subgraphs).sort()).toEqual(Object.keys(builders).sort());
  });

  it.each(Object.keys(builders))("subgraphs/%s/schema.graphql matches the code", async (name) => {
    const schema = await builders[name]!();
    const committed = read(readSupergraphConfig().subgraphs[name]!.schema.file);
    expect({ file: `${name}/schema.graphql ${STALE}`, sdl: committed.replace(/^#.*\n/, "").trim() }).toEqual({
      file: `${name}/schema.graphql ${STALE}`,
      sdl: printSubgraphSchema(schema).trim(),
    });
  });

  it("supergraph.graphql and schema.graphql match composition", () => {
    const composed = composeSupergraph();
    expect(read("supergraph.graphql")).toBe(composed.supergraphSdl);
    expect(read("schema.graphql")).toBe(composed.apiSchemaSdl);
    expect(composed.hints).toEqual([]);
  });

  it("clients/__generated__ matches codegen", () => {
    const out = mkdtempSync(resolve(tmpdir(), "pawgraph-codegen-"));
    try {
      execFileSync(resolve(ROOT, "node_modules/.bin/graphql-codegen"), ["--config", "codegen.ts", "--silent"], {
        cwd: ROOT,
        env: { ...process.env, CODEGEN_OUT: `${out}/` },
        stdio: "pipe",
      });
      // Files in sub-folders too (web/: the web app's documents).
      const filesIn = (dir: string) =>
        readdirSync(dir, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => relative(dir, resolve(entry.parentPath, entry.name)))
          .sort();
      const files = filesIn(out);
      expect(files).toContain("web/persisted-documents.json");
      expect(files).toEqual(filesIn(resolve(ROOT, "clients/__generated__")));
      for (const file of files) {
        const path = `clients/__generated__/${file} ${STALE}`;
        expect({ path, content: read(`clients/__generated__/${file}`) }).toEqual({
          path,
          content: readFileSync(resolve(out, file), "utf8"),
        });
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it("events/ holds the JSON Schema of each published event, as its contract writes it (docs/decisions/0029)", () => {
    const generated = contractFiles();
    expect({ files: `events/ ${STALE}`, list: committedContractFiles() }).toEqual({
      files: `events/ ${STALE}`,
      list: [...generated.keys()].sort(),
    });
    for (const [path, text] of generated) {
      const file = `${path} ${STALE}`;
      expect({ file, text: read(path) }).toEqual({ file, text });
    }
  });

  it("clients/__generated__/persisted-documents.json lists every operation in clients/operations under the sha256 of its text", () => {
    // The gateway's trusted documents (docs/decisions/0017): the codegen comparison above keeps the file
    // current; this says what it must hold.
    const manifest = JSON.parse(read("clients/__generated__/persisted-documents.json")) as Record<string, string>;
    const operationNames = (text: string) =>
      [...text.matchAll(/(?:^|[\s}])(?:query|mutation|subscription)\s+([_A-Za-z]\w*)/g)].map((m) => m[1]);
    const dir = resolve(ROOT, "clients/operations");
    const written = readdirSync(dir).flatMap((file) => operationNames(readFileSync(resolve(dir, file), "utf8")));
    expect(Object.values(manifest).flatMap(operationNames).sort()).toEqual(written.sort());
    for (const [id, text] of Object.entries(manifest))
      expect(id).toBe(`sha256:${createHash("sha256").update(text).digest("hex")}`);
  });
});

describe("the API schema documents itself for Sandbox", () => {
  it("every type, field, argument and enum value has a description", () => {
    const schema = buildSchema(read("schema.graphql"));
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
      if (!type.description && !["Query", "Mutation", "Subscription"].includes(type.name)) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : [])
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type))
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      if (isUnionType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });
});
