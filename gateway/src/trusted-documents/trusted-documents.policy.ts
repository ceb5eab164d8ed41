import { GraphQLError } from "graphql";
import type { Logger } from "pino";
import { envOptional, isPlatformAdmin, type Viewer } from "@pawgraph/subgraph-kit/src/edge";
import { hexOfDocumentId, PersistedDocuments, sha256Hex } from "./persisted-documents.manifest";

export const TRUSTED_DOCUMENTS_MODES = ["off", "allow", "require"] as const;
/**
 * `require`: only documents in the manifest run (platform admins excepted); `allow`: any document runs
 * and ones outside the manifest are logged; `off`: the manifest is not read and ids are not accepted.
 */
export type TrustedDocumentsMode = (typeof TRUSTED_DOCUMENTS_MODES)[number];

/** Error code: the document id (or APQ hash) names no document this gateway knows. */
export const PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND";
/** Error code: document ids are switched off here (`TRUSTED_DOCUMENTS=off`); send the text. */
export const PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED";
/** Error code: this gateway runs only trusted documents, and this caller may not send others. */
export const TRUSTED_DOCUMENT_REQUIRED = "TRUSTED_DOCUMENT_REQUIRED";

export interface TrustedDocumentsConfig {
  mode: TrustedDocumentsMode;
  /** Manifests to trust, e.g. this release's and the previous ones' while older app versions are in use. */
  manifestPaths: string[];
}

/** `TRUSTED_DOCUMENTS` (default `allow`, production included) and `TRUSTED_DOCUMENTS_MANIFEST` (comma-separated paths). */
export function trustedDocumentsConfigFromEnv(defaultManifestPaths: string | string[]): TrustedDocumentsConfig {
  const raw = (envOptional("TRUSTED_DOCUMENTS") ?? "allow").toLowerCase();
  if (!(TRUSTED_DOCUMENTS_MODES as readonly string[]).includes(raw)) {
    throw new Error(`TRUSTED_DOCUMENTS must be one of ${TRUSTED_DOCUMENTS_MODES.join(", ")}, got "${raw}"`);
  }
  const paths = envOptional("TRUSTED_DOCUMENTS_MANIFEST")
    ?.split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  return { mode: raw as TrustedDocumentsMode, manifestPaths: paths?.length ? paths : [defaultManifestPaths].flat() };
}

/**
 * Who may run documents outside the manifest when it is required. Platform admins (support, Sandbox
 * in production); the place to add API keys of third-party developers with such a scope later.
 */
export type ArbitraryDocumentsPolicy = (viewer: Viewer | null) => boolean;
export const platformAdminsMayRunArbitraryDocuments: ArbitraryDocumentsPolicy = (viewer) => isPlatformAdmin(viewer);

/** What a client sent to name its document, whichever way it chose. */
export interface DocumentRequest {
  query?: string | null;
  /** GraphQL over HTTP persisted documents: `sha256:<hex>` (or a bare hex). */
  documentId?: unknown;
  /** Apollo APQ: `extensions.persistedQuery.sha256Hash`. */
  apqHash?: unknown;
  operationName?: string | null;
}

/** Logged documents are remembered by hash so a busy ad-hoc client writes one line, not one per request. */
const LOGGED_HASHES_LIMIT = 10_000;

function codedError(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** The operation's name for the log: the one asked for, else the document's first named operation. */
function operationNameOf(source: string): string | undefined {
  return /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(source)?.[1];
}

/**
 * Decides which documents run: the first-party apps' documents, named by id or sent as their exact text,
 * always; anything else according to the mode (docs/decisions/0017). Shared by HTTP (a middleware in
 * front of Apollo Server) and WebSocket (graphql-ws `onSubscribe`), so both paths admit the same documents.
 */
export class TrustedDocuments {
  private readonly logged = new Set<string>();

  constructor(
    readonly mode: TrustedDocumentsMode,
    private readonly documents: PersistedDocuments,
    private readonly log: Logger,
    private readonly mayRunArbitraryDocuments: ArbitraryDocumentsPolicy = platformAdminsMayRunArbitraryDocuments,
  ) {}

  static fromConfig(config: TrustedDocumentsConfig, log: Logger): TrustedDocuments {
    const documents =
      config.mode === "off" ? PersistedDocuments.empty() : PersistedDocuments.fromFiles(config.manifestPaths);
    log.info({ mode: config.mode, documents: documents.size }, "trusted documents");
    return new TrustedDocuments(config.mode, documents, log);
  }

  /** The trusted documents' operation names: a set no client can grow, for labelling metrics. */
  operationNames(): ReadonlySet<string> {
    return new Set([...this.documents.texts()].flatMap((text) => operationNameOf(text) ?? []));
  }

  /** The text of the document an id names; PERSISTED_QUERY_NOT_FOUND (or _NOT_SUPPORTED when off) otherwise. */
  documentFor(id: unknown): string {
    if (this.mode === "off") {
      throw codedError(
        PERSISTED_QUERY_NOT_SUPPORTED,
        "This gateway does not accept document ids; send the document itself as `query`.",
      );
    }
    const hex = typeof id === "string" ? hexOfDocumentId(id) : undefined;
    const text = hex ? this.documents.textOf(hex) : undefined;
    if (text === undefined) {
      throw codedError(
        PERSISTED_QUERY_NOT_FOUND,
        "No trusted document has this id; send an id from the persisted-documents.json of the release your app was built against.",
      );
    }
    return text;
  }

  /**
   * A trusted document's text for an APQ hash. Apollo Client prints a document its own way before
   * hashing the text it sends along; running the manifest's text for a manifest hash means the client's
   * printing never matters.
   */
  textForApqHash(hash: unknown): string | undefined {
    if (this.mode === "off" || typeof hash !== "string") return undefined;
    const hex = hexOfDocumentId(hash);
    return hex ? this.documents.textOf(hex) : undefined;
  }

  /**
   * What a request asks to run, before anyone parses it: the text (undefined when only an APQ hash
   * outside the manifest was sent: Apollo Server's APQ cache may know it), the hex SHA-256 of that
   * text, and whether it is trusted. An id wins over any text sent with it. Unknown ids throw.
   */
  sourceOf(request: DocumentRequest): { query?: string; hex: string; trusted: boolean } {
    if (request.documentId !== undefined && request.documentId !== null) {
      const query = this.documentFor(request.documentId);
      return { query, hex: hexOfDocumentId(String(request.documentId))!, trusted: true };
    }
    if (this.mode === "off") return { query: request.query ?? undefined, hex: "", trusted: false };
    const byHash = this.textForApqHash(request.apqHash);
    if (byHash !== undefined) return { query: byHash, hex: hexOfDocumentId(request.apqHash as string)!, trusted: true };
    if (typeof request.query === "string" && request.query !== "") {
      const hex = sha256Hex(request.query);
      return { query: request.query, hex, trusted: this.documents.has(hex) };
    }
    // A hash outside the manifest: only Apollo Server's APQ cache may know its text.
    const hex = typeof request.apqHash === "string" ? (hexOfDocumentId(request.apqHash) ?? "") : "";
    return { query: undefined, hex, trusted: false };
  }

  /** Whether admitting a document outside the manifest needs to know the viewer (only `require` does). */
  get refusesArbitraryDocuments(): boolean {
    return this.mode === "require";
  }

  /**
   * Lets a document outside the manifest run, or throws TRUSTED_DOCUMENT_REQUIRED (PERSISTED_QUERY_NOT_FOUND
   * when only a hash was sent). One that runs is logged once (hash and operation name, never variables):
   * the list to review before switching to `require`.
   */
  admitUntrusted(
    operation: { hex: string; query?: string; operationName?: string | null },
    viewer: Viewer | null,
  ): void {
    if (this.mode === "off") return;
    const privileged = this.mayRunArbitraryDocuments(viewer);
    if (this.mode === "require" && !privileged) {
      if (operation.query === undefined)
        throw codedError(
          PERSISTED_QUERY_NOT_FOUND,
          "No trusted document has this hash; send the document's id from persisted-documents.json.",
        );
      throw codedError(
        TRUSTED_DOCUMENT_REQUIRED,
        "This API runs only the apps' trusted documents: send the document's id as `documentId` (see persisted-documents.json).",
      );
    }
    // Nothing worth a line without a well-formed hash (the client's APQ hash is only a claim until Apollo checks it).
    if (!operation.hex || this.logged.has(operation.hex)) return;
    if (this.logged.size >= LOGGED_HASHES_LIMIT) this.logged.clear();
    this.logged.add(operation.hex);
    const operationName = (
      operation.operationName ?? (operation.query === undefined ? undefined : operationNameOf(operation.query))
    )?.slice(0, 100);
    this.log.info(
      { hash: `sha256:${operation.hex}`, operationName, mode: this.mode, privileged },
      "document outside the trusted manifest",
    );
  }

  /**
   * The text to run on a transport without an APQ cache (WebSocket), admitted for `viewer`, or a coded
   * error. The text may come as `documentId`, as an APQ hash with `query: ""`, or as the text itself.
   */
  resolve(request: DocumentRequest, viewer: Viewer | null): string {
    const source = this.sourceOf(request);
    if (source.query === undefined && request.apqHash !== undefined) {
      throw codedError(
        PERSISTED_QUERY_NOT_FOUND,
        "No trusted document has this hash; send the document's id from persisted-documents.json.",
      );
    }
    if (!source.trusted) this.admitUntrusted({ ...source, operationName: request.operationName }, viewer);
    return source.query ?? "";
  }
}
