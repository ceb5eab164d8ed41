import { DEFAULT_MANIFEST_PATHS, type RunningGateway } from "@pawgraph/gateway";
import axe from "axe-core";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { chromiumPath, sayWhenBrowserTestsSkipped } from "./browser";
import { PASSWORD, jwksUrlOf, startStack, startTestGateway, subgraphUrls, type Stack } from "./harness";

/** What the web app's browser tests share (docs/decisions/0061-react-web-app.md). */

const ROOT = resolve(__dirname, "..");
/** A loaded 2-CPU machine: the first screen waits for the bundle and a round trip through nine subgraphs. */
export const WEB_TIMEOUT_MS = 30_000;

/** What `vite build` reads: the app, the generated operations it imports, and the locked dependency versions. */
const WEB_APP_INPUTS = [
  "clients/web/index.html",
  "clients/web/vite.config.ts",
  "clients/web/package.json",
  "clients/web/src",
  "clients/__generated__/web",
  "package-lock.json",
];
const WEB_APP_BUILDS = resolve(ROOT, ".data/web-app-builds");

function* inputFiles(path: string): Generator<string> {
  if (!statSync(path).isDirectory()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(path).sort()) yield* inputFiles(join(path, entry));
}

/** A hash of every file the build reads (paths and bytes): the same sources give the same build. */
function webAppInputsHash(): string {
  const hash = createHash("sha256");
  for (const input of WEB_APP_INPUTS)
    for (const file of inputFiles(resolve(ROOT, input)))
      hash.update(relative(ROOT, file)).update("\0").update(readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}

/**
 * The web app built from the current sources (`vite build`, 7 s of CPU), once per run rather than once per test
 * file: kept in .data/web-app-builds under a hash of its inputs, so a later file (or run) with the same sources
 * reuses it. Two workers building at once each build into their own folder and the first rename wins.
 * Read only: the folder is shared.
 */
export function buildWebApp(): string {
  const out = join(WEB_APP_BUILDS, webAppInputsHash());
  if (existsSync(join(out, "index.html"))) return out;
  mkdirSync(WEB_APP_BUILDS, { recursive: true });
  const building = mkdtempSync(`${out}.building-`);
  execFileSync(
    process.execPath,
    [
      resolve(ROOT, "node_modules/vite/bin/vite.js"),
      "build",
      "--outDir",
      building,
      "--emptyOutDir",
      "--logLevel",
      "error",
    ],
    { cwd: resolve(ROOT, "clients/web"), stdio: "pipe" },
  );
  try {
    renameSync(building, out);
  } catch {
    // Another worker's build of the same sources got there first.
    rmSync(building, { recursive: true, force: true });
  }
  // Builds of other sources are from earlier edits: keep the folder from growing.
  for (const entry of readdirSync(WEB_APP_BUILDS))
    if (
      join(WEB_APP_BUILDS, entry) !== out &&
      !entry.includes(".building-") &&
      Date.now() - statSync(join(WEB_APP_BUILDS, entry)).mtimeMs > 86_400_000
    )
      rmSync(join(WEB_APP_BUILDS, entry), { recursive: true, force: true });
  return out;
}

/** A gateway in front of the stack serving the built app at /app/, running trusted documents only (the app sends ids). */
export function webAppGateway(stack: Stack, dist: string): Promise<RunningGateway> {
  return startTestGateway(subgraphUrls(stack), jwksUrlOf(stack), {
    gatewaySecret: stack.gatewaySecret.secret,
    webAppDir: dist,
    trustedDocuments: { mode: "require", manifestPaths: DEFAULT_MANIFEST_PATHS },
  });
}

/** The page's localStorage, as far as these functions (run inside the page) use it; e2e has no DOM types. */
export type InPageStorage = { getItem(key: string): string | null; setItem(key: string, value: string): void };

/** axe-core's serious and critical findings on the page as it is now (rule id and the elements). */
export async function accessibilityProblems(page: Page): Promise<{ id: string; impact: string; targets: string[] }[]> {
  // Through DevTools rather than a <script>: the app's policy allows only its own files.
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.evaluate(axe.source);
  const result = await page.evaluate(() =>
    (globalThis as unknown as { axe: typeof axe }).axe.run({ resultTypes: ["violations"] }),
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact!, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

/** Fails with `error`, adding what each page shows and the problems collected, to say what went wrong. */
export async function failWithPages(error: unknown, pages: Page[], problems: string[]): Promise<never> {
  const shown = await Promise.all(
    pages.map((page) =>
      page
        .locator("body")
        .innerText()
        .catch(() => "?"),
    ),
  );
  throw new Error(
    `${(error as Error).message}\nThe pages show: ${JSON.stringify(shown)}\nProblems: ${JSON.stringify(problems)}`,
    { cause: error },
  );
}

/** With `WEB_APP_SCREENSHOTS=1`, saves the page as docs/web-app-<name>.png (the README shows some). */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  if (process.env.WEB_APP_SCREENSHOTS)
    await page.screenshot({ path: resolve(ROOT, `docs/web-app-${name}.png`), fullPage });
}

export { browserIt } from "./browser";

/** What a browser test file works with: the stack, the gateway serving the app, Chromium, and signing in. */
export interface WebAppSuite {
  readonly stack: Stack;
  readonly gateway: RunningGateway;
  readonly browser: Browser;
  /** The gateway's origin: the app is at `${base()}/app/`. */
  base(): string;
  /**
   * A fresh browser context (its own localStorage) signed in as `email` through the sign-in screen, console
   * and page errors collected in `problems`. `prepare` runs on the context first (routes), `onPage` on the
   * page before it loads anything (listeners).
   */
  signedIn(
    email: string,
    problems: string[],
    hooks?: { prepare?: (context: BrowserContext) => Promise<void>; onPage?: (page: Page) => void },
  ): Promise<Page>;
}

/**
 * Builds the app, starts a stack (`startStack()` unless `stack` says how) with a gateway serving the app on
 * trusted documents only, and launches Chromium, before the file's tests; stops them all after. `what`
 * names the test in the message printed when Chromium is missing.
 */
export function webAppSuite(what: string, options: { stack?: () => Promise<Stack> } = {}): WebAppSuite {
  sayWhenBrowserTestsSkipped(`the web app's ${what}`);
  let dist: string | undefined;
  let stack: Stack | undefined;
  let gateway: RunningGateway | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    dist = buildWebApp();
    stack = await (options.stack ?? (() => startStack()))();
    gateway = await webAppGateway(stack, dist);
    if (chromiumPath()) browser = await chromium.launch({ executablePath: chromiumPath()!, args: ["--no-sandbox"] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await stack?.stop();
  });
  const suite: WebAppSuite = {
    get stack() {
      return stack!;
    },
    get gateway() {
      return gateway!;
    },
    get browser() {
      return browser!;
    },
    base: () => `http://127.0.0.1:${gateway!.port}`,
    async signedIn(email, problems, hooks = {}) {
      const context = await browser!.newContext();
      await hooks.prepare?.(context);
      const page = await context.newPage();
      page.setDefaultTimeout(WEB_TIMEOUT_MS);
      hooks.onPage?.(page);
      page.on("console", (message) => message.type() === "error" && problems.push(`${email}: ${message.text()}`));
      page.on("pageerror", (error) => problems.push(`${email}: ${error.message}`));
      await page.goto(`${suite.base()}/app/sign-in`);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "My pets" }).waitFor();
      return page;
    },
  };
  return suite;
}
