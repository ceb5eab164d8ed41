import type { NextFunction, Request, RequestHandler, Response } from "express";
import { GraphQLError } from "graphql";
import type { Viewer } from "@pawgraph/subgraph-kit/src/edge";
import { PERSISTED_QUERY_NOT_FOUND, type DocumentRequest, type TrustedDocuments } from "./trusted-documents.policy";

type Fields = Record<string, unknown>;

/** The request's GraphQL fields, from a JSON body (POST) or the query string (GET). */
function fieldsOf(req: Request): Fields | undefined {
  if (req.method === "POST")
    return req.body && typeof req.body === "object" && !Array.isArray(req.body) ? (req.body as Fields) : undefined;
  if (req.method !== "GET") return undefined;
  const search = new URL(req.url, "http://gateway").searchParams;
  let extensions: unknown;
  try {
    extensions = search.has("extensions") ? JSON.parse(search.get("extensions")!) : undefined;
  } catch {
    extensions = undefined; // Apollo Server answers a malformed `extensions` itself.
  }
  return {
    query: search.get("query") ?? undefined,
    documentId: search.get("documentId") ?? undefined,
    operationName: search.get("operationName") ?? undefined,
    extensions,
  };
}

function documentRequestOf(fields: Fields): DocumentRequest {
  const persistedQuery = (fields.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)
    ?.persistedQuery;
  return {
    query: typeof fields.query === "string" ? fields.query : undefined,
    documentId: fields.documentId,
    apqHash: persistedQuery?.sha256Hash,
    operationName: typeof fields.operationName === "string" ? fields.operationName : undefined,
  };
}

/**
 * Puts a trusted document's text where Apollo Server reads it (`query` in the body, or in the URL of a
 * GET) and drops the id and any APQ extension: the document is resolved, so Apollo Server need not
 * compare an APQ hash (which may carry the `sha256:` prefix) with the text.
 */
function setQuery(req: Request, query: string): void {
  if (req.method === "POST") {
    const body = req.body as Fields;
    body.query = query;
    delete body.documentId;
    if ("extensions" in body) body.extensions = withoutPersistedQuery(body.extensions);
    return;
  }
  const url = new URL(req.url, "http://gateway");
  url.searchParams.set("query", query);
  url.searchParams.delete("documentId");
  const extensions = url.searchParams.get("extensions");
  try {
    if (extensions !== null)
      url.searchParams.set("extensions", JSON.stringify(withoutPersistedQuery(JSON.parse(extensions))));
  } catch {
    // Malformed JSON stays as sent; Apollo Server answers it with BAD_REQUEST.
  }
  req.url = `${url.pathname}${url.search}`;
}

function withoutPersistedQuery(extensions: unknown): unknown {
  if (!extensions || typeof extensions !== "object" || !("persistedQuery" in extensions)) return extensions;
  const { persistedQuery: _resolved, ...rest } = extensions as Fields;
  return rest;
}

/**
 * A refusal, before anything is parsed: 400 with one coded error. An unknown APQ hash keeps Apollo
 * Server's 200, which Apollo Client's persisted-queries link expects before it retries with the text.
 */
function refuse(res: Response, error: GraphQLError, request: DocumentRequest): void {
  const apqMiss = error.extensions.code === PERSISTED_QUERY_NOT_FOUND && request.documentId === undefined;
  res
    .status(apqMiss ? 200 : 400)
    .json({ errors: [{ message: error.message, extensions: { code: error.extensions.code } }] });
}

/**
 * Trusted documents on HTTP, in front of Apollo Server: a `documentId` (or an APQ hash from the
 * manifest) becomes the manifest's text, and a document outside the manifest is admitted or refused
 * before Apollo Server parses it, so a refused caller learns nothing about the schema (no validation
 * errors, no suggestions). APQ hashes outside the manifest go on to Apollo Server's own APQ cache.
 * Batched (array) bodies pass untouched: Apollo Server refuses them (batching is off).
 */
export function trustedDocumentsMiddleware(
  trusted: TrustedDocuments,
  /** Who is calling, as the request context will say (an access token or an API key's owner). */
  viewerOf: (req: Request) => Promise<Viewer | null>,
): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const fields = fieldsOf(req);
    if (!fields) return next();
    const request = documentRequestOf(fields);
    // Nothing to decide for a request without a document (Sandbox's landing page, health of the route).
    if (request.query === undefined && request.documentId === undefined && request.apqHash === undefined) return next();
    try {
      const source = trusted.sourceOf(request);
      if (source.trusted) {
        setQuery(req, source.query!);
        return next();
      }
      let viewer: Viewer | null = null;
      if (trusted.refusesArbitraryDocuments) {
        try {
          viewer = await viewerOf(req);
        } catch {
          return next(); // A bad token or key: Apollo Server's context answers UNAUTHENTICATED before parsing.
        }
      }
      trusted.admitUntrusted({ hex: source.hex, query: source.query, operationName: request.operationName }, viewer);
      next();
    } catch (error) {
      if (error instanceof GraphQLError) return refuse(res, error, request);
      next(error);
    }
  };
}
