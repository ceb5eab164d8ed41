import type { RunningGateway } from "@pawgraph/gateway";
import { browserIt, chromiumPath, sayWhenBrowserTestsSkipped } from "./browser";
import { GraphiqlPage } from "./graphiql-page";
import { jwksUrlOf, registerUser, startStack, startTestGateway, subgraphUrls, type Stack } from "./harness";

sayWhenBrowserTestsSkipped("GraphiQL's");

/** The `src`/`href` of every script and style sheet a page loads, and whether it has inline script or style. */
function resourcesOf(html: string): { refs: string[]; inline: string[] } {
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  const inline = [
    ...[...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
      .filter((m) => !/\bsrc=/.test(m[1]!) || m[2]!.trim() !== "")
      .map((m) => m[0]),
    ...[...html.matchAll(/<style\b[\s\S]*?<\/style>|\bstyle="[^"]*"|\bon[a-z]+="[^"]*"/g)].map((m) => m[0]),
  ];
  return { refs, inline };
}

describe("GraphiQL at /graphiql: the schema explored with no internet", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.stop());

  const base = () => `http://127.0.0.1:${stack.gateway.port}`;

  it("serves a page that loads only the gateway's own scripts and styles, none inline, under a strict policy", async () => {
    const page = await fetch(`${base()}/graphiql`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const policy = page.headers.get("content-security-policy")!;
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");

    const { refs, inline } = resourcesOf(await page.text());
    expect(inline).toEqual([]);
    expect(refs.map((ref) => new URL(ref, base()).pathname).sort()).toEqual([
      "/graphiql/assets/explorer.css",
      "/graphiql/assets/explorer.js",
      "/graphiql/assets/graphiql.min.css",
      "/graphiql/assets/graphiql.min.js",
      "/graphiql/assets/graphql-ws.min.js",
      "/graphiql/assets/react-dom.production.min.js",
      "/graphiql/assets/react.production.min.js",
    ]);
    for (const ref of refs) {
      const url = new URL(ref, `${base()}/graphiql`);
      expect(url.origin).toBe(base());
      const asset = await fetch(url);
      expect({ ref, status: asset.status }).toEqual({ ref, status: 200 });
      expect(asset.headers.get("content-type")).toMatch(ref.endsWith(".css") ? /^text\/css/ : /javascript/);
      expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
      const body = await asset.text();
      expect(body.length).toBeGreaterThan(100);
      // Fonts and images inside the style sheets are data: URLs, never another host.
      if (ref.endsWith(".css")) expect(body).not.toMatch(/url\(\s*["']?(https?:)?\/\//);
    }
  });

  it("serves the page at /graphiql/ too, and nothing else under its assets", async () => {
    expect((await fetch(`${base()}/graphiql/`)).status).toBe(200);
    for (const path of [
      "/graphiql/assets/package.json",
      "/graphiql/assets/..%2F..%2Fpackage.json",
      "/graphiql/assets/graphiql.min.js.map",
      "/graphiql/assets/explorer.html",
    ]) {
      expect({ path, status: (await fetch(`${base()}${path}`)).status }).toEqual({ path, status: 404 });
    }
  });

  it("is linked from Sandbox's landing page where it says Sandbox cannot load", async () => {
    for (const path of ["/", "/graphql"]) {
      const landing = await (await fetch(`${base()}${path}`, { headers: { accept: "text/html" } })).text();
      expect(landing).toMatch(/might be offline\.<\/p>\s*<p>[^<]*<a href="\/graphiql">/);
    }
  });

  browserIt("renders in Chromium, and runs queries and subscriptions with the headers pasted in", async () => {
    const graphiql = await GraphiqlPage.open(chromiumPath()!, base());
    try {
      expect(await graphiql.run("{ __typename }", "Query")).toEqual({ data: { __typename: "Query" } });

      // The header editor's headers go with HTTP requests, and into the WebSocket's connection_init.
      const { token, user } = await registerUser(stack);
      await graphiql.setHeaders({ Authorization: `Bearer ${token}` });
      expect(await graphiql.run("{ me { id } }", user.id)).toEqual({ data: { me: { id: user.id } } });
      const nobodysConversation = `subscription { messageAdded(conversationId: "${crypto.randomUUID()}") { id } }`;
      expect(await graphiql.run(nobodysConversation, "NOT_FOUND")).toMatchObject({
        errors: [{ extensions: { code: "NOT_FOUND" } }],
      });
      // Without them the gateway closes the socket (4401): the subscription did go over WebSocket.
      await graphiql.setHeaders(undefined);
      expect(await graphiql.run(nobodysConversation, "4401")).toMatchObject({
        errors: [{ message: expect.stringMatching(/^Socket closed with event 4401/) }],
      });
      // Chromium asks for /favicon.ico (404); nothing else fails, no other host is asked, no policy refusal.
      expect(graphiql.problems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
    } finally {
      await graphiql.close();
    }
  });

  describe("with Sandbox off (production's default)", () => {
    let closed: RunningGateway;
    beforeAll(async () => {
      closed = await startTestGateway(subgraphUrls(stack), jwksUrlOf(stack), {
        gatewaySecret: stack.gatewaySecret.secret,
        sandbox: false,
      });
    });
    afterAll(() => closed.stop());

    it("serves neither the page nor its files", async () => {
      expect(closed.graphiql).toBe(false);
      const at = (path: string) => `http://127.0.0.1:${closed.port}${path}`;
      for (const path of ["/graphiql", "/graphiql/assets/graphiql.min.js", "/graphiql/assets/explorer.js"]) {
        expect({ path, status: (await fetch(at(path))).status }).toEqual({ path, status: 404 });
      }
      const landing = await fetch(at("/graphql"), { headers: { accept: "text/html" } });
      expect(await landing.text()).not.toContain("/graphiql");
    });
  });
});
