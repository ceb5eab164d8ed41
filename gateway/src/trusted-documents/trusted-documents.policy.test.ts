import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import type { Viewer } from "@pawgraph/subgraph-kit/src/edge";
import { hexOfDocumentId, PersistedDocuments, sha256Hex } from "./persisted-documents.manifest";
import { TrustedDocuments, trustedDocumentsConfigFromEnv } from "./trusted-documents.policy";

const ME = "query Me { me { id } }";
const PETS = "query MyPets { myPets { edges { cursor } } }";
const owner: Viewer = {
  userId: "u1",
  email: "o@example.test",
  roles: ["OWNER"],
  memberships: [],
  vendorMemberships: [],
  emailVerified: true,
};
const admin: Viewer = { ...owner, roles: ["PLATFORM_ADMIN"] };

/** A policy over `documents` whose log lines land in `lines`. */
function policy(
  mode: "allow" | "require",
  documents = PersistedDocuments.fromEntries([[`sha256:${sha256Hex(ME)}`, ME]]),
) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  return { trusted: new TrustedDocuments(mode, documents, pino({ level: "info" }, sink)), lines };
}
const codeOf = (run: () => unknown) => {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe("document ids", () => {
  it("are sha256:<hex> or a bare hex, case-insensitive; anything else is no id", () => {
    const hex = sha256Hex(ME);
    expect([`sha256:${hex}`, hex, hex.toUpperCase()].map(hexOfDocumentId)).toEqual([hex, hex, hex]);
    expect(["sha1:abc", "sha256:xyz", "", hex.slice(1)].map(hexOfDocumentId)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("manifests", () => {
  const dir = mkdtempSync(join(tmpdir(), "pawgraph-manifest-"));
  const write = (name: string, json: unknown) => {
    writeFileSync(join(dir, name), JSON.stringify(json));
    return join(dir, name);
  };

  it("read the codegen format and Apollo's, several at once (this release's and an earlier one's)", () => {
    const codegen = write("codegen.json", { [`sha256:${sha256Hex(ME)}`]: ME });
    const apollo = write("apollo.json", {
      format: "apollo-persisted-query-manifest",
      version: 1,
      operations: [{ id: sha256Hex(PETS), name: "MyPets", type: "query", body: PETS }],
    });
    const documents = PersistedDocuments.fromFiles([codegen, apollo]);
    expect([documents.size, documents.textOf(sha256Hex(ME)), documents.textOf(sha256Hex(PETS))]).toEqual([2, ME, PETS]);
  });

  it("refuse an entry whose text does not hash to its id, so an id never runs another document", () => {
    const tampered = write("tampered.json", { [`sha256:${sha256Hex(ME)}`]: PETS });
    expect(() => PersistedDocuments.fromFiles([tampered])).toThrow(/does not hash to its id/);
    expect(() => PersistedDocuments.fromFiles([write("list.json", [ME])])).toThrow(/not a persisted-document manifest/);
  });
});

describe("TrustedDocuments", () => {
  it("logs a document outside the manifest once, with its hash and operation name, never its variables", () => {
    const { trusted, lines } = policy("allow");
    for (let i = 0; i < 3; i++) expect(trusted.resolve({ query: PETS, operationName: undefined }, owner)).toBe(PETS);
    trusted.resolve({ query: ME }, owner);
    expect(lines.map(({ msg, hash, operationName, mode }) => ({ msg, hash, operationName, mode }))).toEqual([
      {
        msg: "document outside the trusted manifest",
        hash: `sha256:${sha256Hex(PETS)}`,
        operationName: "MyPets",
        mode: "allow",
      },
    ]);
  });

  it("in require mode refuses documents outside the manifest except for platform admins", () => {
    const { trusted } = policy("require");
    expect(codeOf(() => trusted.resolve({ query: PETS }, owner))).toBe("TRUSTED_DOCUMENT_REQUIRED");
    expect(codeOf(() => trusted.resolve({ query: PETS }, null))).toBe("TRUSTED_DOCUMENT_REQUIRED");
    expect(trusted.resolve({ query: PETS }, admin)).toBe(PETS);
    expect(trusted.resolve({ query: "", documentId: `sha256:${sha256Hex(ME)}` }, null)).toBe(ME);
    expect(trusted.resolve({ query: ME }, null)).toBe(ME);
  });

  it("answers unknown ids and hashes with PERSISTED_QUERY_NOT_FOUND", () => {
    const { trusted } = policy("allow");
    for (const documentId of [`sha256:${sha256Hex(PETS)}`, 7, "nonsense"])
      expect(codeOf(() => trusted.resolve({ query: "", documentId }, admin))).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect(codeOf(() => trusted.resolve({ query: "", apqHash: sha256Hex(PETS) }, admin))).toBe(
      "PERSISTED_QUERY_NOT_FOUND",
    );
  });
});

describe("configuration", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("defaults to allow with the given manifest; TRUSTED_DOCUMENTS_MANIFEST takes several paths", () => {
    delete process.env.TRUSTED_DOCUMENTS;
    delete process.env.TRUSTED_DOCUMENTS_MANIFEST;
    expect(trustedDocumentsConfigFromEnv("/m.json")).toEqual({ mode: "allow", manifestPaths: ["/m.json"] });
    process.env.TRUSTED_DOCUMENTS = "REQUIRE";
    process.env.TRUSTED_DOCUMENTS_MANIFEST = "/a.json, /b.json";
    expect(trustedDocumentsConfigFromEnv("/m.json")).toEqual({
      mode: "require",
      manifestPaths: ["/a.json", "/b.json"],
    });
    process.env.TRUSTED_DOCUMENTS = "strict";
    expect(() => trustedDocumentsConfigFromEnv("/m.json")).toThrow(
      /TRUSTED_DOCUMENTS must be one of off, allow, require/,
    );
  });
});
