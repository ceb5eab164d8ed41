// The web app's care screens in Chromium, through a gateway requiring trusted documents: an owner asks the
// assistant (offline answerer, rule-based triage) about their dog and reads a cited answer, then an
// emergency follow-up gets the alert banner; clinic staff read their day calendar and clear a flagged message.
import type { RunningGateway } from "@pawgraph/gateway";
import { rmSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { ownerWithPet } from "./bookings-fixtures";
import { chromiumPath } from "./graphiql-page";
import { PASSWORD, startStack, type Stack } from "./harness";
import { WEB_TIMEOUT_MS, accessibilityProblems, buildWebApp, screenshot, webAppGateway } from "./web-app-page";

if (!chromiumPath())
  console.warn("no Chromium (CHROMIUM_PATH or /usr/bin/chromium): the web app's care screens test is skipped");

describe("the web app's assistant and clinic screens, on trusted documents only", () => {
  let stack: Stack;
  let gateway: RunningGateway;
  let dist: string;
  let browser: Browser;
  beforeAll(async () => {
    dist = buildWebApp();
    stack = await startStack();
    gateway = await webAppGateway(stack, dist);
    if (chromiumPath()) browser = await chromium.launch({ executablePath: chromiumPath()!, args: ["--no-sandbox"] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await stack?.stop();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  const base = () => `http://127.0.0.1:${gateway.port}`;

  /** A fresh browser context signed in as `email`; console errors and page errors go to `problems`. */
  async function signedIn(email: string, problems: string[]): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(WEB_TIMEOUT_MS);
    // Chromium's own /favicon.ico request (404) is logged but is no response of the page's: it is left
    // out, and the page's responses are checked for 404s instead.
    page.on("console", (m) => m.type() === "error" && !/status of 404/.test(m.text()) && problems.push(m.text()));
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("response", (response) => response.status() === 404 && problems.push(`404 ${response.url()}`));
    await page.goto(`${base()}/app/sign-in`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "My pets" }).waitFor();
    return page;
  }

  const browserIt = chromiumPath() ? it : it.skip;
  browserIt(
    "the assistant: a cited answer about the owner's dog, its source opened at the section, then an emergency follow-up with the alert banner; past threads",
    async () => {
      const { owner, petName } = await ownerWithPet(stack, "DOG");
      const problems: string[] = [];
      const a11y: Record<string, unknown[]> = {};
      const page = await signedIn(owner.email, problems);

      await page.getByRole("link", { name: "Assistant" }).click();
      await page.getByRole("heading", { name: "Assistant" }).waitFor();
      await page.getByText("No questions yet.").waitFor();
      expect(await page.getByLabel("Pet").locator("option:checked").textContent()).toBe(petName);
      a11y["assistant, empty"] = await accessibilityProblems(page);

      // A care question: the offline answerer quotes the care articles, each one a numbered source.
      const ears = "My dog keeps scratching his ears and shaking his head, what should I do?";
      await page.getByLabel("Your question").fill(ears);
      await page.getByRole("button", { name: "Ask" }).click();
      const first = page.getByRole("article", { name: `Answer to: ${ears}` });
      await first.waitFor();
      expect(page.url()).toMatch(/\/app\/assistant\/[0-9a-f-]{36}$/);
      expect(await page.getByRole("alert").count()).toBe(0);
      const sources = first.getByRole("list", { name: "Sources" });
      const article = sources.getByRole("link", { name: "Ear problems in dogs" }).first();
      await article.waitFor();
      expect(await first.locator(".answer-text").textContent()).toMatch(/\[\d+\]/);
      expect(await first.getByText(/offline/i).count()).toBeGreaterThan(0);

      // The source opens in the app at the cited section.
      const cited = await article.getAttribute("href");
      expect(cited).toMatch(/^\/app\/knowledge\/[0-9a-f-]{36}#[a-z0-9-]+$/);
      await article.click();
      await page.getByRole("heading", { level: 1, name: "Ear problems in dogs" }).waitFor();
      expect(await page.locator(`[id="${cited!.split("#")[1]}"]`).count()).toBe(1);
      a11y["care article"] = await accessibilityProblems(page);
      await page.goBack();
      await first.waitFor();

      // An emergency follow-up in the same thread: rule-based triage, the fixed block, and a banner read out at once.
      const chocolate = "He has just eaten a whole bar of dark chocolate";
      await page.getByLabel("Ask a follow-up question").fill(chocolate);
      await page.getByRole("button", { name: "Ask" }).click();
      const banner = page.getByRole("alert");
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(/^Emergency: contact a vet now\.|^Very urgent: contact a vet now/);
      expect(await banner.textContent()).toMatch(/chocolate/i);
      const second = page.getByRole("article", { name: `Answer to: ${chocolate}` });
      expect(await second.textContent()).toContain("This may be an emergency. Contact a vet now.");
      expect(await second.getByRole("list", { name: "Sources" }).count()).toBe(0);
      a11y["assistant, emergency"] = await accessibilityProblems(page);
      await screenshot(page, "assistant", true);

      // Past threads: this one, flagged as an emergency; opened again, nothing is announced.
      const past = page.getByRole("list", { name: "Past questions" });
      expect(await past.getByRole("listitem").allTextContents()).toEqual([
        expect.stringContaining(`${petName} · emergency · `),
      ]);
      await page.getByRole("link", { name: "New question" }).click();
      await page.getByRole("heading", { name: "Assistant" }).waitFor();
      await past.getByRole("link").click();
      await second.waitFor();
      expect(await page.getByRole("alert").count()).toBe(0);
      expect(await first.getByRole("list", { name: "Sources" }).getByRole("listitem").count()).toBeGreaterThan(0);

      expect(a11y).toEqual(Object.fromEntries(Object.keys(a11y).map((screen) => [screen, []])));
      expect(problems).toEqual([]);
    },
    180_000,
  );
});
