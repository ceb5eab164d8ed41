import type { Express, Request, RequestHandler, Response } from "express";
import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { pipeline } from "node:stream/promises";
import { REQUEST_ID_HEADER, type Logger } from "@pawgraph/subgraph-kit/src/edge";

/**
 * The public (non-GraphQL) links subgraphs hand out, and who serves them. Each path is the same at
 * the gateway and at the subgraph, so a link is the gateway's origin plus the subgraph's own path.
 */
export const PUBLIC_LINK_ROUTES: readonly PublicLinkRoute[] = [
  // Signed file links of every subgraph's local file store: /files/<subgraph>/<key>?exp=..&sig=..
  {
    path: "/files/:subgraph/*key",
    methods: ["GET", "PUT"],
    owner: (req) => String(req.params.subgraph),
    within: (owner) => `/files/${owner}/`,
  },
  // Calendar feeds at secret URLs (bookings).
  { path: "/calendar/:token", methods: ["GET"], owner: () => "bookings", within: () => "/calendar/" },
  // Signed report CSV downloads (reports).
  { path: "/reports/export.csv", methods: ["GET"], owner: () => "reports", within: () => "/reports/export.csv" },
];

interface PublicLinkRoute {
  path: string;
  /** GET answers HEAD too (express). PUT is for signed uploads. */
  methods: readonly ("GET" | "PUT")[];
  /** The subgraph that serves the path (a name in the supergraph). */
  owner: (req: Request) => string;
  /**
   * What the forwarded path must still start with once resolved: `%2e%2e` segments are resolved by
   * URL parsing, and must not lead from a file link to the subgraph's other routes.
   */
  within: (owner: string) => string;
}

/** Request headers a link needs: conditional and range reads, and an upload's type and size. Nothing else. */
const REQUEST_HEADERS = [
  "accept",
  "range",
  "if-range",
  "if-none-match",
  "if-modified-since",
  "content-type",
  "content-length",
] as const;

/** Response headers passed back: what describes the body and how it may be cached. */
const RESPONSE_HEADERS = [
  "content-type",
  "content-length",
  "content-range",
  "content-disposition",
  "content-encoding",
  "accept-ranges",
  "etag",
  "last-modified",
  "cache-control",
  "expires",
  "vary",
  "x-content-type-options",
] as const;

/**
 * Public links (signed files, calendar feeds, report exports) are served at the gateway's address,
 * so everything a user receives points at one host. Each request is forwarded to the owning
 * subgraph's routing URL with the same path and query, and only the headers in the lists above:
 * never the client's `x-gateway-secret` or its cookies and tokens. The subgraph's own signature or
 * secret-URL check decides access. Bodies are streamed both ways (no buffering); the wait for the
 * subgraph's answer is bounded (504), an unreachable subgraph answers 502, and a stream that fails
 * midway is cut rather than completed with a wrong body. `cors` (the gateway's allowed origins) lets
 * the web app upload and read files from the browser; the links carry no cookies, so it grants nothing
 * a link does not.
 */
export function publicLinkRoutes(
  app: Express,
  options: { routing: () => Record<string, string>; timeoutMs: number; log: Logger; cors: RequestHandler },
): void {
  for (const route of PUBLIC_LINK_ROUTES) {
    const handler = (req: Request, res: Response) => {
      const owner = route.owner(req);
      const graphqlUrl = Object.hasOwn(options.routing(), owner) ? options.routing()[owner] : undefined;
      const target = graphqlUrl ? sameLinkAt(graphqlUrl, req.originalUrl) : undefined;
      if (!target?.pathname.startsWith(route.within(owner))) {
        res.status(404).type("text/plain").send("Not found");
        return;
      }
      void forward(req, res, target, owner, options);
    };
    app.options(route.path, options.cors);
    for (const method of route.methods) {
      if (method === "GET") app.get(route.path, options.cors, handler);
      else app.put(route.path, options.cors, handler);
    }
  }
}

/** The subgraph's URL for this path and query: only ever its own host, whatever the path holds. */
function sameLinkAt(graphqlUrl: string, originalUrl: string): URL {
  const target = new URL(graphqlUrl);
  const queryAt = originalUrl.indexOf("?");
  target.pathname = queryAt >= 0 ? originalUrl.slice(0, queryAt) : originalUrl;
  target.search = queryAt >= 0 ? originalUrl.slice(queryAt) : "";
  return target;
}

async function forward(
  req: Request,
  res: Response,
  target: URL,
  owner: string,
  options: { timeoutMs: number; log: Logger },
): Promise<void> {
  const headers: OutgoingHttpHeaders = {};
  for (const name of REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  const requestId = req.header(REQUEST_ID_HEADER);
  if (requestId && /^[\w-]{1,64}$/.test(requestId)) headers[REQUEST_ID_HEADER] = requestId;
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  const upstream = send(target, { method: req.method, headers });
  // Bounded waits: for the subgraph's answer once the request is sent (connecting included), and for
  // any byte while an upload or a download flows (a stalled stream is cut, a slow steady one is not).
  let timer: NodeJS.Timeout | undefined;
  let answered = false;
  const awaitAnswer = () => {
    if (!answered) timer = setTimeout(() => upstream.destroy(new GatewayTimeout()), options.timeoutMs);
  };
  upstream.setTimeout(options.timeoutMs, () => upstream.destroy(new GatewayTimeout()));
  const failed = (status: 502 | 504, error: unknown) => {
    clearTimeout(timer);
    options.log.warn({ err: error, subgraph: owner, path: target.pathname }, "public link could not be forwarded");
    if (res.headersSent) res.destroy();
    else
      res
        .status(status)
        .setHeader("retry-after", "5")
        .type("text/plain")
        .send(status === 504 ? "The service did not answer in time; retry later" : "Service unavailable; retry later");
  };
  upstream.once("response", (answer) => {
    answered = true;
    clearTimeout(timer);
    res.status(answer.statusCode ?? 502);
    copyResponseHeaders(answer.headers, res);
    pipeline(answer, res).catch((error: unknown) => {
      options.log.warn({ err: error, subgraph: owner }, "public link stream from subgraph failed");
      res.destroy();
    });
  });
  // `on`, not `once`: a request torn down twice (timeout, then a reset) must not leave an error unheard.
  let failedOnce = false;
  upstream.on("error", (error) => {
    if (failedOnce) return;
    failedOnce = true;
    failed(error instanceof GatewayTimeout ? 504 : 502, error);
  });
  // The client going away ends the subgraph's request too.
  res.once("close", () => {
    if (!res.writableFinished) upstream.destroy();
  });
  if (req.method === "PUT") {
    // The subgraph checks the declared size; the body is passed through as it arrives.
    await pipeline(req, upstream).then(awaitAnswer, () => upstream.destroy());
  } else {
    upstream.end();
    awaitAnswer();
  }
}

function copyResponseHeaders(from: IncomingHttpHeaders, res: Response): void {
  for (const name of RESPONSE_HEADERS) {
    const value = from[name];
    if (value !== undefined) res.setHeader(name, value);
  }
}

class GatewayTimeout extends Error {
  constructor() {
    super("subgraph did not answer in time");
  }
}
