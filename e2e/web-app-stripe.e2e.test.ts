import { StripePaymentProvider } from "@pawgraph/orders";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Route } from "playwright-core";
import { AddToCartDocument, SetShippingAddressDocument } from "../clients/__generated__/graphql";
import { StripeStandIn } from "../subgraphs/orders/test/stripe-stand-in";
import { registerVerifiedUser } from "./fixtures";
import { execute, startStack } from "./harness";
import { flatShipping, shopWithStock, US_ADDRESS } from "./orders-fixtures";
import { accessibilityProblems, browserIt, failWithPages, webAppSuite } from "./web-app-page";

/**
 * The card step of checkout with Stripe Elements (issue 19), in Chromium. Neither Stripe.js nor Stripe's API
 * can be reached from here: the page's requests to js.stripe.com get e2e/stripe-js-stand-in.js (Stripe.js's
 * API, with plain inputs for the card) and those to api.stripe.com go to subgraphs/orders' Stripe stand-in,
 * the same one the orders subgraph's Stripe SDK talks to. Everything between is the real app and stack.
 */
const PUBLISHABLE_KEY = "pk_test_pawgraph_web";
const stripe = new StripeStandIn("sk_test_pawgraph_web", PUBLISHABLE_KEY);
let stripeUrl: string;
afterAll(() => stripe.stop());

describe("the web app's card step: Stripe Elements with the order's payment session, then finalizePayment", () => {
  const web = webAppSuite("Stripe card step", {
    stack: async () => {
      stripeUrl = (await stripe.start()).url;
      return startStack({
        orders: { payments: () => new StripePaymentProvider(stripe.settings("whsec_test_pawgraph_web")) },
      });
    },
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

  browserIt(
    "a declined card says so and can be retried; a good card pays the order, which the page shows paid",
    async () => {
      const shop = await shopWithStock(web.stack, [{ priceMinor: 3000, stock: 5 }], { label: "web-stripe" });
      await flatShipping(web.stack, shop.vendor, 500);
      const buyer = await registerVerifiedUser(web.stack, "web-card-buyer");
      await execute(
        web.stack.gateway.url,
        AddToCartDocument,
        { input: { variantId: shop.variantIds[0]!, quantity: 1 } },
        buyer.token,
      );
      await execute(web.stack.gateway.url, SetShippingAddressDocument, { input: US_ADDRESS }, buyer.token);

      const problems: string[] = [];
      const page = await web.signedIn(buyer.email, problems, {
        prepare: async (context) => {
          await context.route("https://js.stripe.com/**", (route) =>
            route.fulfill({
              contentType: "application/javascript",
              body: readFileSync(join(__dirname, "stripe-js-stand-in.js"), "utf8"),
            }),
          );
          await context.route("https://api.stripe.com/**", toStripeStandIn);
        },
      });
      try {
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
        await page.context().close();
      }
    },
    180_000,
  );
});
