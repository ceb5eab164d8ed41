import type { Express, Response } from "express";
import { dirname, join } from "node:path";
import type { Logger } from "@pawgraph/subgraph-kit/src/edge";

/** Where the explorer lives: its page, and the files that page loads under `/graphiql/assets/`. */
export const GRAPHIQL_PATH = "/graphiql";
const ASSETS_PATH = `${GRAPHIQL_PATH}/assets`;

/**
 * The page's files by the name it asks for: prebuilt browser bundles from npm packages and the page's
 * own script and style. The gateway only serves them; it never loads graphiql or react itself
 * (eslint forbids the import), so a gateway with the explorer costs no memory for it.
 */
const ASSETS: Record<string, [pkg: string | undefined, file: string]> = {
  "react.production.min.js": ["react", "umd/react.production.min.js"],
  "react-dom.production.min.js": ["react-dom", "umd/react-dom.production.min.js"],
  "graphiql.min.js": ["graphiql", "graphiql.min.js"],
  "graphiql.min.css": ["graphiql", "graphiql.min.css"],
  "graphql-ws.min.js": ["graphql-ws", "umd/graphql-ws.min.js"],
  "explorer.js": [undefined, "explorer.js"],
  "explorer.css": [undefined, "explorer.css"],
};

const PAGE_DIR = join(__dirname, "page");

/**
 * The page loads only its own origin's files: no inline script or style, no CDN, no frames. Fonts are
 * data: URLs inside graphiql's CSS. `connect-src 'self'` covers ws:// and wss:// to the same host
 * (CSP level 3), which is where graphql-ws connects.
 */
const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** A file of an installed package, found by its package.json without loading the package. */
function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

function hardened(res: Response): void {
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "no-referrer");
  res.setHeader("cross-origin-resource-policy", "same-origin");
}

/**
 * GraphiQL at `/graphiql`, served entirely from this gateway's files, so the schema can be explored
 * without internet (Apollo Sandbox, the landing page, comes from Apollo's CDN). Mounted only where
 * Sandbox is (`SANDBOX_ENABLED`); returns whether it was mounted.
 */
export function graphiqlRoutes(app: Express, log: Logger): boolean {
  let files: Map<string, string>;
  try {
    files = new Map(
      Object.entries(ASSETS).map(([name, [pkg, file]]) => [name, pkg ? packageFile(pkg, file) : join(PAGE_DIR, file)]),
    );
  } catch (error) {
    // An image built without them still serves GraphQL and Sandbox.
    log.warn({ err: error }, "GraphiQL's files are not installed: /graphiql is off");
    return false;
  }
  app.get(GRAPHIQL_PATH, (_req, res, next) => {
    hardened(res);
    res.setHeader("content-security-policy", PAGE_POLICY);
    res.setHeader("cache-control", "no-cache");
    res.sendFile(join(PAGE_DIR, "explorer.html"), (error) => error && next(error));
  });
  app.get(`${ASSETS_PATH}/:name`, (req, res, next) => {
    const file = files.get(req.params.name);
    if (!file) return next();
    hardened(res);
    // The packages' versions are pinned in gateway/package.json; an upgrade is picked up within the hour.
    res.sendFile(file, { maxAge: "1h" }, (error) => error && next(error));
  });
  return true;
}
