import type { Page } from "playwright-core";
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
