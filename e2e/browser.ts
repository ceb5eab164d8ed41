import { existsSync } from "node:fs";

/**
 * Whether and where this run drives a browser: Debian's Chromium (Playwright's own download is not reachable
 * from these machines), at CHROMIUM_PATH or /usr/bin/chromium. `BROWSER_TESTS=off` turns the browser tests off
 * on purpose: CI's second pass (Node 24, embedded default) sets it, the first having run them (.ci/run).
 */
export function chromiumPath(): string | undefined {
  if (process.env.BROWSER_TESTS === "off") return undefined;
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  return existsSync(path) ? path : undefined;
}

/** `it` when the browser tests run, else `it.skip`: pair with `sayWhenBrowserTestsSkipped` so the file says why. */
export const browserIt = chromiumPath() ? it : it.skip;

/** Prints, once per file, that `what`'s browser test is skipped and why; nothing when it runs. */
export function sayWhenBrowserTestsSkipped(what: string): void {
  if (chromiumPath()) return;
  const why =
    process.env.BROWSER_TESTS === "off"
      ? "BROWSER_TESTS=off"
      : `no Chromium at ${process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"} (CHROMIUM_PATH)`;
  console.warn(`${why}: ${what} browser test is skipped`);
}
