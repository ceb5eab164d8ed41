import type { Browser, Page } from "playwright-core";
import { PASSWORD } from "./harness";
import { WEB_TIMEOUT_MS } from "./web-app-page";

/** What the web app's live screens need in a browser test: the graphql-ws subscriptions each page sent. */

/** The `subscribe` payloads each page's graphql-ws socket has sent, recorded from the page's creation. */
const subscribed = new WeakMap<Page, Record<string, unknown>[]>();

export function recordSubscriptions(page: Page): void {
  const sent: Record<string, unknown>[] = [];
  subscribed.set(page, sent);
  page.on("websocket", (socket) =>
    socket.on("framesent", ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { type: string; payload?: Record<string, unknown> };
      if (frame.type === "subscribe" && frame.payload) sent.push(frame.payload);
    }),
  );
}

/**
 * The payload of the `subscribe` the page sent for `operationName` with these variables, once sent. graphql-ws
 * does not acknowledge a subscribe, so callers give the gateway a moment to reach the subgraph afterwards.
 */
export async function subscribeSent(
  page: Page,
  operationName: string,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  for (const deadline = Date.now() + WEB_TIMEOUT_MS; Date.now() < deadline;) {
    const found = subscribed
      .get(page)!
      .find(
        (payload) =>
          payload.operationName === operationName && JSON.stringify(payload.variables) === JSON.stringify(variables),
      );
    if (found) return found;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`no subscribe for ${operationName} ${JSON.stringify(variables)}`);
}

/** A fresh browser context (its own localStorage) signed in as `email` at the app on `base`, problems collected. */
export async function signedInPage(browser: Browser, base: string, email: string, problems: string[]): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(WEB_TIMEOUT_MS);
  recordSubscriptions(page);
  page.on("console", (message) => message.type() === "error" && problems.push(`${email}: ${message.text()}`));
  page.on("pageerror", (error) => problems.push(`${email}: ${error.message}`));
  await page.goto(`${base}/app/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "My pets" }).waitFor();
  return page;
}
