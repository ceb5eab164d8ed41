import type { RunningGateway } from "@pawgraph/gateway";
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { browserIt, chromiumPath, sayWhenBrowserTestsSkipped } from "./browser";
import { PASSWORD, startStack, uniqueEmail, type Stack } from "./harness";
import {
  WEB_TIMEOUT_MS,
  buildWebApp,
  webAppGateway,
  type InPageStorage,
  accessibilityProblems,
  screenshot,
} from "./web-app-page";

sayWhenBrowserTestsSkipped("the web app's");

describe("the React web app served by the gateway at /app/ (WEB_APP_DIR), on trusted documents only", () => {
  let stack: Stack;
  let gateway: RunningGateway;
  let dist: string;
  beforeAll(async () => {
    dist = buildWebApp();
    stack = await startStack();
    gateway = await webAppGateway(stack, dist);
  }, 120_000);
  afterAll(async () => {
    await gateway?.stop();
    await stack?.stop();
  });

  const base = () => `http://127.0.0.1:${gateway.port}`;

  it("serves index.html for the app's paths, hashed assets for a year, under a policy allowing only its own files", async () => {
    expect(gateway.webApp).toBe(true);
    const redirect = await fetch(`${base()}/app`, { redirect: "manual" });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get("location")).toBe("/app/");
    for (const path of ["/app/", "/app/pets/123", "/app/sign-in"]) {
      const page = await fetch(`${base()}${path}`);
      expect({ path, status: page.status }).toEqual({ path, status: 200 });
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      expect(page.headers.get("cache-control")).toBe("no-cache");
      const policy = page.headers.get("content-security-policy")!;
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(await page.text()).toMatch(/<script type="module" crossorigin src="\/app\/assets\/index-[\w-]+\.js">/);
    }
    const [script] = readdirSync(resolve(dist, "assets")).filter((file) => file.endsWith(".js"));
    const asset = await fetch(`${base()}/app/assets/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    // A missing asset is a 404, not the page (a stale tab asking for an old bundle must not get HTML).
    expect((await fetch(`${base()}/app/assets/index-gone.js`)).status).toBe(404);
    // GraphQL and the rest of the gateway are as before.
    expect((await fetch(`${base()}/healthz`)).status).toBe(200);
  });

  it("is not served without WEB_APP_DIR", async () => {
    expect(stack.gateway.webApp).toBe(false);
    expect((await fetch(`http://127.0.0.1:${stack.gateway.port}/app/`)).status).toBe(404);
  });

  browserIt(
    "in Chromium: register, add a pet, see it in the list, record a weight; no serious accessibility problem on any screen",
    async () => {
      const browser: Browser = await chromium.launch({ executablePath: chromiumPath()!, args: ["--no-sandbox"] });
      const problems: string[] = [];
      const a11y: Record<string, unknown[]> = {};
      const check = async (screen: string) => (a11y[screen] = await accessibilityProblems(page));
      const page = await browser.newPage();
      page.setDefaultTimeout(WEB_TIMEOUT_MS);
      page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("request", (request) => {
        const url = new URL(request.url());
        if (url.host !== new URL(base()).host && url.protocol !== "data:") problems.push(`request to ${url}`);
      });
      try {
        // Signed out, every path leads to sign-in.
        await page.goto(`${base()}/app/`);
        await page.getByRole("heading", { name: "Sign in" }).waitFor();
        expect(new URL(page.url()).pathname).toBe("/app/sign-in");
        await check("sign in");

        await page.getByRole("link", { name: "Create an account" }).click();
        await page.getByRole("heading", { name: "Create an account" }).waitFor();
        await check("register");
        const email = uniqueEmail("web");
        await page.getByLabel("Your name").fill("Wendy Web");
        await page.getByLabel("Email").fill(email);
        await page.getByLabel("Password").fill(PASSWORD);
        await page.getByRole("button", { name: "Create account" }).click();

        await page.getByRole("heading", { name: "My pets" }).waitFor();
        await page.getByText("No pets yet").waitFor();
        expect(await page.getByRole("navigation", { name: "Main" }).textContent()).toContain("Wendy Web");
        await check("my pets (empty)");

        await page.getByRole("link", { name: "Add a pet" }).click();
        await page.getByRole("heading", { name: "Add a pet" }).waitFor();
        await check("add a pet");
        await page.getByLabel("Name").fill("Biscuit");
        await page.getByLabel("Species").selectOption("CAT");
        await page.getByLabel("Breed (optional)").fill("Maine Coon");
        await page.getByRole("button", { name: "Add pet" }).click();

        await page.getByRole("heading", { name: "Biscuit" }).waitFor();
        await page.getByText("No weights recorded yet.").waitFor();
        await page.getByLabel("New weight (kg)").fill("5.4");
        await page.getByRole("button", { name: "Record weight" }).click();
        await page.getByText("5.4 kg").waitFor();
        expect(await page.locator("figure.chart circle").count()).toBe(1);
        await page.getByLabel("New weight (kg)").fill("5.65");
        await page.getByRole("button", { name: "Record weight" }).click();
        await page.getByText("5.65 kg").waitFor();
        expect(await page.locator("figure.chart circle").count()).toBe(2);
        expect(await page.locator("figure.chart table td").allTextContents()).toEqual(
          expect.arrayContaining(["5.4", "5.65"]),
        );
        // The health record, read through the HealthRecordEntry interface fragment: the note keeps its text.
        await page.getByText("No entries yet.").waitFor();
        await page.getByLabel("Add a note to the record").fill("Ate grass, then fine");
        await page.getByRole("button", { name: "Add note" }).click();
        const record = page.getByRole("list", { name: "Health record" });
        await record.waitFor();
        expect(await record.getByRole("listitem").allTextContents()).toEqual([
          expect.stringMatching(/Note: Ate grass, then fine · Wendy Web$/),
        ]);
        await check("pet detail");
        await screenshot(page, "pet", true);

        await page.getByRole("link", { name: "← My pets" }).click();
        const pets = page.getByRole("list", { name: "Pets" });
        await pets.waitFor();
        expect(await pets.getByRole("listitem").allTextContents()).toEqual(["BiscuitCat"]);
        await check("my pets");
        await screenshot(page, "pets");

        // A reload at the app's own path keeps the session (and the gateway answers the path with the app).
        await page.reload();
        await pets.waitFor();
        expect(await pets.getByRole("listitem").allTextContents()).toEqual(["BiscuitCat"]);

        // An access token the gateway refuses (expired, revoked): the app trades its refresh token for a new session and carries on.
        const stale = await page.evaluate(() => {
          const storage = (globalThis as unknown as { localStorage: InPageStorage }).localStorage;
          const session = JSON.parse(storage.getItem("pawgraph.session")!) as {
            accessToken: string;
            refreshToken: string;
          };
          const refreshToken = session.refreshToken;
          storage.setItem("pawgraph.session", JSON.stringify({ ...session, accessToken: "not.a.token" }));
          return refreshToken;
        });
        await page.reload();
        await pets.waitFor();
        expect(await pets.getByRole("listitem").allTextContents()).toEqual(["BiscuitCat"]);
        const renewed = await page.evaluate(
          () =>
            JSON.parse(
              (globalThis as unknown as { localStorage: InPageStorage }).localStorage.getItem("pawgraph.session")!,
            ) as { accessToken: string; refreshToken: string },
        );
        expect(renewed.accessToken).not.toBe("not.a.token");
        expect(renewed.refreshToken).not.toBe(stale);

        // Signed out and in again: the same pets.
        await page.getByRole("button", { name: "Sign out" }).click();
        await page.getByRole("heading", { name: "Sign in" }).waitFor();
        await page.getByLabel("Email").fill(email);
        await page.getByLabel("Password").fill(PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
        await pets.waitFor();
        expect(await pets.getByRole("listitem").allTextContents()).toEqual(["BiscuitCat"]);

        expect(a11y).toEqual({
          "sign in": [],
          register: [],
          "my pets (empty)": [],
          "add a pet": [],
          "pet detail": [],
          "my pets": [],
        });
        // Chromium asks for /favicon.ico (404) and logs the refused token's 401 (one per request sent with
        // it: the pets list, the header's notifications and its role links (Clinic, Sell, Admin), sharing
        // one refresh); nothing else fails, no other host is asked, no policy refusal.
        expect(problems.filter((problem) => /status of 401/.test(problem))).toHaveLength(3);
        expect(problems.filter((problem) => !/status of 40[14]/.test(problem))).toEqual([]);
      } catch (error) {
        const shown = await page
          .locator("body")
          .innerText()
          .catch(() => "?");
        throw new Error(
          `${(error as Error).message}\nThe page shows: ${shown}\nProblems: ${JSON.stringify(problems)}`,
          {
            cause: error,
          },
        );
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
