import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/** Hex SHA-256 of a document's text: Apollo's APQ hash, and the hex part of a `sha256:` document id. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

const HEX = /^[0-9a-f]{64}$/;

/**
 * The hex SHA-256 a document id names, or undefined when it is not an id this gateway issues.
 * Accepted: GraphQL over HTTP's `sha256:<hex>` (what the codegen client preset writes) and a bare
 * `<hex>` (Apollo's APQ `sha256Hash`, Apollo's persisted-query manifest ids).
 */
export function hexOfDocumentId(id: string): string | undefined {
  const hex = id.startsWith("sha256:") ? id.slice("sha256:".length) : id;
  const lower = hex.toLowerCase();
  return HEX.test(lower) ? lower : undefined;
}

/** Apollo's `apollo-persisted-query-manifest` format (generate-persisted-query-manifest). */
interface ApolloManifest {
  format: "apollo-persisted-query-manifest";
  version: number;
  operations: { id: string; body: string }[];
}

function entriesOf(json: unknown, path: string): [string, string][] {
  if ((json as ApolloManifest | null)?.format === "apollo-persisted-query-manifest") {
    return (json as ApolloManifest).operations.map((o) => [o.id, o.body]);
  }
  if (
    json &&
    typeof json === "object" &&
    !Array.isArray(json) &&
    Object.values(json).every((v) => typeof v === "string")
  ) {
    return Object.entries(json as Record<string, string>);
  }
  throw new Error(
    `${path} is not a persisted-document manifest ({ "sha256:<hex>": "<document>" } or apollo-persisted-query-manifest)`,
  );
}

function addEntries(byHex: Map<string, string>, entries: Iterable<[string, string]>, origin: string): void {
  for (const [id, text] of entries) {
    const hex = hexOfDocumentId(id);
    if (!hex) throw new Error(`${origin}: "${id}" is not a sha256 document id`);
    if (sha256Hex(text) !== hex) throw new Error(`${origin}: the document under "${id}" does not hash to its id`);
    byHex.set(hex, text);
  }
}

/**
 * The trusted documents: every document of the first-party apps, by the SHA-256 of its exact text.
 * Each id is checked against its text when loaded, so an id always names the text it was made from
 * (a manifest written with another hash, or edited by hand, stops the gateway at start rather than
 * answering an id with a different document).
 */
export class PersistedDocuments {
  private constructor(private readonly byHex: ReadonlyMap<string, string>) {}

  static fromEntries(entries: Iterable<[string, string]>, origin = "manifest"): PersistedDocuments {
    const byHex = new Map<string, string>();
    addEntries(byHex, entries, origin);
    return new PersistedDocuments(byHex);
  }

  /**
   * Reads one or more manifests into one set. Several files let a release keep accepting the documents
   * of app versions still in use (the manifests of earlier releases) next to its own.
   */
  static fromFiles(paths: string[]): PersistedDocuments {
    const byHex = new Map<string, string>();
    for (const path of paths) addEntries(byHex, entriesOf(JSON.parse(readFileSync(path, "utf8")), path), path);
    return new PersistedDocuments(byHex);
  }

  static empty(): PersistedDocuments {
    return new PersistedDocuments(new Map());
  }

  /** The document a hex SHA-256 names, if it is trusted. */
  textOf(hex: string): string | undefined {
    return this.byHex.get(hex);
  }

  texts(): Iterable<string> {
    return this.byHex.values();
  }

  has(hex: string): boolean {
    return this.byHex.has(hex);
  }

  get size(): number {
    return this.byHex.size;
  }
}
