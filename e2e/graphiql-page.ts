import { chromium, type Browser, type Page } from "playwright-core";

type CodeMirrorElement = { CodeMirror: { getValue(): string; setValue(value: string): void } };
/** The browser's `document`, as far as these functions (run inside the page) use it; e2e has no DOM types. */
type InPage = { document: { querySelector(selector: string): CodeMirrorElement | null } };
const QUERY = ".graphiql-query-editor .CodeMirror";
const HEADERS = ".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror";
const RESPONSE = ".graphiql-response .CodeMirror";
// A loaded 2-CPU machine takes seconds to parse graphiql's megabyte of script and introspect the schema.
const TIMEOUT_MS = 30_000;

/**
 * GraphiQL at `/graphiql` in headless Chromium, driven as a person would: type in the editors, press
 * the run button, read the response pane. Its editors are CodeMirror 5, which hangs its instance on
 * its element. Console errors (a refused script or style shows there) and requests to any other host
 * are collected in `problems`.
 */
export class GraphiqlPage {
  readonly problems: string[] = [];

  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  static async open(executablePath: string, origin: string): Promise<GraphiqlPage> {
    const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
    const page = await browser.newPage();
    const graphiql = new GraphiqlPage(browser, page);
    page.on("console", (message) => message.type() === "error" && graphiql.problems.push(message.text()));
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.host !== new URL(origin).host && url.protocol !== "data:") graphiql.problems.push(`request to ${url}`);
    });
    await page.goto(`${origin}/graphiql`);
    await page.waitForSelector(".graphiql-container", { timeout: TIMEOUT_MS });
    return graphiql;
  }

  /** Pastes the header editor's JSON ("" for none). */
  async setHeaders(headers: Record<string, string> | undefined): Promise<void> {
    await this.setEditor(HEADERS, headers ? JSON.stringify(headers) : "");
  }

  /** Runs `operation` and returns the response pane's JSON once it contains `expected`. */
  async run(operation: string, expected: string): Promise<unknown> {
    // A subscription runs until stopped, and the same button stops it.
    const stop = this.page.locator('.graphiql-execute-button[aria-label^="Stop"]');
    if (await stop.count()) await stop.click();
    await this.setEditor(QUERY, operation);
    await this.page.locator('.graphiql-execute-button[aria-label^="Execute"]').click();
    const shown = () =>
      this.page.evaluate(
        (selector) => (globalThis as unknown as InPage).document.querySelector(selector)?.CodeMirror.getValue() ?? "",
        RESPONSE,
      );
    try {
      await this.page.waitForFunction(
        ([selector, text]) =>
          (globalThis as unknown as InPage).document.querySelector(selector)?.CodeMirror.getValue().includes(text),
        [RESPONSE, expected] as const,
        { timeout: TIMEOUT_MS },
      );
    } catch (error) {
      throw new Error(
        `${operation}: no ${expected} in the response pane, which shows ${JSON.stringify(await shown())}; problems: ${JSON.stringify(this.problems)}`,
        { cause: error },
      );
    }
    return JSON.parse(await shown()) as unknown;
  }

  close(): Promise<void> {
    return this.browser.close();
  }

  private async setEditor(selector: string, value: string): Promise<void> {
    await this.page.evaluate(
      ([s, v]) => (globalThis as unknown as InPage).document.querySelector(s)!.CodeMirror.setValue(v),
      [selector, value] as const,
    );
  }
}
