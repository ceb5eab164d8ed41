import type { RunningGateway } from "@pawgraph/gateway";
import { StripePaymentProvider } from "@pawgraph/orders";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page, type Route } from "playwright-core";
import { AddToCartDocument, SetShippingAddressDocument } from "../clients/__generated__/graphql";
import { StripeStandIn } from "../subgraphs/orders/test/stripe-stand-in";
import { registerVerifiedUser } from "./fixtures";
import { chromiumPath } from "./graphiql-page";
import { execute, PASSWORD, startStack, type Stack } from "./harness";
import { flatShipping, shopWithStock, US_ADDRESS } from "./orders-fixtures";
import {
  WEB_TIMEOUT_MS,
  accessibilityProblems,
  buildWebApp,
  failWithPages,
  screenshot,
  webAppGateway,
} from "./web-app-page";

/**
 * The card step of checkout with Stripe Elements (issue 19), in Chromium. Neither Stripe.js nor Stripe's API
 * can be reached from here: the page's requests to js.stripe.com get e2e/stripe-js-stand-in.js (Stripe.js's
 * API, with plain inputs for the card) and those to api.stripe.com go to subgraphs/orders' Stripe stand-in,
 * the same one the orders subgraph's Stripe SDK talks to. Everything between is the real app and stack.
 */
if (!chromiumPath())
  console.warn("no Chromium (CHROMIUM_PATH or /usr/bin/chromium): the web app's Stripe card step test is skipped");

const PUBLISHABLE_KEY = "pk_test_pawgraph_web";
const stripe = new StripeStandIn("sk_test_pawgraph_web", PUBLISHABLE_KEY);

describe("the web app's card step: Stripe Elements with the order's payment session, then finalizePayment", () => {
  let stack: Stack;
  let gateway: RunningGateway;
  let dist: string;
  let browser: Browser;
  let stripeUrl: string;
  beforeAll(async () => {
    dist = buildWebApp();
    stripeUrl = (await stripe.start()).url;
    stack = await startStack({
      orders: { payments: () => new StripePaymentProvider(stripe.settings("whsec_test_pawgraph_web")) },
    });
    gateway = await webAppGateway(stack, dist);
    if (chromiumPath()) browser = await chromium.launch({ executablePath: chromiumPath()!, args: ["--no-sandbox"] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await stack?.stop();
    await stripe.stop();
    rmSync(dist, { recursive: true, force: true });
  });

  /** api.stripe.com's answer from the stand-in, as the browser would get it from Stripe (CORS open). */
  async function toStripeStandIn(route: Route): Promise<void> {
    const request = route.request();
    const url = new URL(request.url());
    const answer = await fetch(`${stripeUrl}${url.pathname}${url.search}`, {
      method: request.method(),
      headers: { "content-type": request.headers()["content-type"] ?? "application/x-www-form-urlencoded" },
      body: request.method() === "GET" ? undefined : (request.postData() ?? ""),
    });
    await route.fulfill({
      status: answer.status,
      headers: { "content-type": "application/json", "access-control-allow-origin": "*" },
      body: await answer.text(),
    });
  }

  const browserIt = chromiumPath() ? it : it.skip;
  browserIt(
    "a declined card says so and can be retried; a good card pays the order, which the page shows paid",
    async () => {
      const shop = await shopWithStock(stack, [{ priceMinor: 3000, stock: 5 }], { label: "web-stripe" });
      await flatShipping(stack, shop.vendor, 500);
      const buyer = await registerVerifiedUser(stack, "web-card-buyer");
      await execute(
        stack.gateway.url,
        AddToCartDocument,
        { input: { variantId: shop.variantIds[0]!, quantity: 1 } },
        buyer.token,
      );
      await execute(stack.gateway.url, SetShippingAddressDocument, { input: US_ADDRESS }, buyer.token);

      const problems: string[] = [];
      const context = await browser.newContext();
      await context.route("https://js.stripe.com/**", (route) =>
        route.fulfill({
          contentType: "application/javascript",
          body: readFileSync(join(__dirname, "stripe-js-stand-in.js"), "utf8"),
        }),
      );
      await context.route("https://api.stripe.com/**", toStripeStandIn);
      const page: Page = await context.newPage();
      page.setDefaultTimeout(WEB_TIMEOUT_MS);
      page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
      page.on("pageerror", (error) => problems.push(error.message));
      try {
        await page.goto(`http://127.0.0.1:${gateway.port}/app/sign-in`);
        await page.getByLabel("Email").fill(buyer.email);
        await page.getByLabel("Password").fill(PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByRole("heading", { name: "My pets" }).waitFor();
        await page.getByRole("link", { name: "Shop" }).click();
        await page.getByRole("link", { name: "Cart", exact: true }).click();
        await page.getByRole("button", { name: /^Place order and pay/ }).click();
        await page.getByRole("heading", { name: /^Order PG-\d+$/ }).waitFor();
        const pending = await page.locator("dl.facts").innerText();
        expect(pending).toMatch(/Status\s+Payment pending\s+Payment\s+Not paid yet \(by card\)/);
        const total = /Total\s+(\$\d+\.\d\d)/.exec(pending)![1]!;

        const card = page.getByRole("region", { name: "Pay by card" });
        await card.getByLabel("Card number").fill("4000 0000 0000 0002");
        await card.getByRole("button", { name: `Pay ${total}` }).click();
        await expect(card.getByRole("alert").textContent()).resolves.toBe("Your card was declined.");
        const a11y = await accessibilityProblems(page);
        await screenshot(page, "card-step", true);

        await card.getByLabel("Card number").fill("4242 4242 4242 4242");
        await card.getByRole("button", { name: `Pay ${total}` }).click();
        await card.waitFor({ state: "detached" });
        const facts = await page.locator("dl.facts").innerText();
        expect(facts).toMatch(/Status\s+Paid/);
        expect(facts).toMatch(/Payment\s+Paid in full \(by card\)/);

        // The browser spoke to Stripe with the publishable key only; the secret key stayed on the server.
        const confirms = stripe.requests.filter((r) => r.path.endsWith("/confirm"));
        expect(confirms.map((r) => [r.body.key, r.status])).toEqual([
          [PUBLISHABLE_KEY, 402],
          [PUBLISHABLE_KEY, 200],
        ]);
        expect(a11y).toEqual([]);
        expect(problems.filter((problem) => !/status of 402/.test(problem))).toEqual([]);
      } catch (error) {
        await failWithPages(error, [page], problems);
      } finally {
        await context.close();
      }
    },
    180_000,
  );
});
