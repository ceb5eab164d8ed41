import express, { type Express, type Response } from "express";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Logger } from "@pawgraph/subgraph-kit/src/edge";

/** Where the React web app (clients/web) is served when `WEB_APP_DIR` names its build. */
export const WEB_APP_PATH = "/app";

/**
 * The app loads only its own origin's files (Vite writes no inline script or style) and talks to
 * /graphql on the same host, over HTTP and WebSocket (`connect-src 'self'` covers ws: and wss:).
 * Stripe.js is one exception, as Stripe's CSP guide lists it: its script, its card fields' frames
 * (and a bank's 3-D Secure page through hooks.stripe.com) and its API, for the card step of checkout.
 * The other is the file store's origins (`fileOrigins`, S3's bucket host): uploads and image previews.
 */
const STRIPE_JS = "https://js.stripe.com https://*.js.stripe.com";
export function webAppPolicy(fileOrigins: readonly string[] = []): string {
  const files = fileOrigins.map((origin) => ` ${origin}`).join("");
  return [
    "default-src 'none'",
    `script-src 'self' ${STRIPE_JS}`,
    "style-src 'self'",
    `img-src 'self' data: https:${files}`,
    "font-src 'self' data:",
    `frame-src ${STRIPE_JS} https://hooks.stripe.com`,
    `connect-src 'self' https://api.stripe.com${files}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function hardener(policy: string): (res: Response) => void {
  return (res) => {
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("referrer-policy", "no-referrer");
    res.setHeader("cross-origin-resource-policy", "same-origin");
    res.setHeader("content-security-policy", policy);
  };
}

/**
 * The web app's build (`npm run build` in clients/web) at `/app/`: files under `assets/` carry a hash
 * of their content in their name and are cached for a year; every other path below `/app/` that is no
 * file gets index.html (never cached), so the app's own paths (`/app/pets/<id>`) survive a reload.
 * Returns whether it was mounted: not when `dir` has no index.html (logged).
 */
export function webAppRoutes(app: Express, dir: string, log: Logger, fileOrigins: readonly string[] = []): boolean {
  const hardened = hardener(webAppPolicy(fileOrigins));
  const root = resolve(dir);
  const index = join(root, "index.html");
  if (!existsSync(index)) {
    log.warn({ dir: root }, "WEB_APP_DIR has no index.html (run `npm run build` in clients/web): /app is off");
    return false;
  }
  // Only `/app` itself (express would match `/app/` too): the app's relative paths need the slash.
  app.get(/^\/app$/, (_req, res) => res.redirect(301, `${WEB_APP_PATH}/`));
  app.use(
    `${WEB_APP_PATH}/assets`,
    express.static(join(root, "assets"), {
      immutable: true,
      maxAge: "365d",
      index: false,
      fallthrough: false,
      setHeaders: hardened,
    }),
  );
  app.use(
    WEB_APP_PATH,
    express.static(root, { index: false, maxAge: "1h", setHeaders: hardened }),
    (req, res, next) => {
      if (req.method !== "GET" && req.method !== "HEAD") return next();
      hardened(res);
      res.setHeader("cache-control", "no-cache");
      // Relative to `root`: send refuses a path with a dot-folder in it (`dotfiles: "ignore"`), and an absolute path
      // is checked whole, so an app under `.data/` or `~/.local/` would answer 404.
      res.sendFile("index.html", { root }, (error) => error && next(error));
    },
  );
  return true;
}
