import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { PASSWORD } from "./harness";
import { buyerWithCart, flatShipping, shopWithStock } from "./orders-fixtures";
import {
  WEB_TIMEOUT_MS,
  accessibilityProblems,
  browserIt,
  failWithPages,
  screenshot,
  webAppSuite,
  type InPageStorage,
} from "./web-app-page";

/** The guest cart token the app keeps in the page's localStorage, or null. */
function storedCartToken(page: Page): Promise<string | null> {
  return page.evaluate(() =>
    (globalThis as unknown as { localStorage: InPageStorage }).localStorage.getItem("pawgraph.cartToken"),
  );
}

describe("the web app's guest cart (shop signed out, sign in to check out, the guest cart merged into the account's), on trusted documents only", () => {
  const web = webAppSuite("guest cart");
  const base = () => web.base();

  it("lets a browser on another origin send X-Cart-Token (the CORS preflight allows it)", async () => {
    const preflight = await fetch(`${base()}/graphql`, {
      method: "OPTIONS",
      headers: {
        origin: "http://shop.example.test",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,authorization,x-cart-token",
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase().split(",")).toContain("x-cart-token");
  });

  browserIt(
    "a signed-out visitor adds two to a guest cart, is asked to sign in to check out, and finds both carts merged; the order is placed offline and the token forgotten",
    async () => {
      const tag = randomUUID().slice(0, 8);
      const shop = await shopWithStock(
        web.stack,
        [
          { priceMinor: 4500, stock: 5 },
          { priceMinor: 3000, stock: 3 },
        ],
        { label: "web-guest-shop", product: { title: `Duck treats ${tag}` } },
      );
      await flatShipping(web.stack, shop.vendor, 500);
      // The account's cart already holds one of Size 2 (added through the API) and ships to Austin.
      const buyer = await buyerWithCart(web.stack, "web-guest", [{ variantId: shop.variantIds[1]!, quantity: 1 }]);

      const problems: string[] = [];
      const a11y: Record<string, unknown[]> = {};
      /** Each GraphQL request: whether it carried a session and a cart token. */
      const sent: { signedIn: boolean; cartToken: string | undefined }[] = [];
      const context = await web.browser.newContext();
      const page = await context.newPage();
      page.setDefaultTimeout(WEB_TIMEOUT_MS);
      page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("request", (request) => {
        if (new URL(request.url()).pathname !== "/graphql" || request.method() !== "POST") return;
        const headers = request.headers();
        sent.push({ signedIn: "authorization" in headers, cartToken: headers["x-cart-token"] });
      });
      try {
        // Signed out, the app still sends other paths to sign-in; the header offers the shop and the cart.
        await page.goto(`${base()}/app/bookings`);
        await page.getByRole("heading", { name: "Sign in" }).waitFor();
        const nav = page.getByRole("navigation", { name: "Main" });
        expect(await nav.getByRole("link").allTextContents()).toEqual(["Shop", "Cart", "Sign in", "Register"]);

        await nav.getByRole("link", { name: "Shop" }).click();
        await page.getByRole("heading", { level: 1, name: "Shop" }).waitFor();
        await page.getByLabel("Search products").fill(tag);
        await page.getByRole("button", { name: "Search" }).click();
        await page.getByRole("status").getByText("1 product").waitFor();
        const products = page.getByRole("list", { name: "Products" });
        expect(await products.getByRole("listitem").allTextContents()).toEqual([
          expect.stringMatching(new RegExp(`^Duck treats ${tag}.*from \\$30\\.00$`)),
        ]);
        a11y["shop (signed out)"] = await accessibilityProblems(page);

        await products.getByRole("link", { name: `Duck treats ${tag}` }).click();
        await page.getByRole("heading", { name: `Duck treats ${tag}` }).waitFor();
        expect(new URL(page.url()).pathname).toBe(`/app/shop/products/${shop.productId}`);
        await page.getByLabel("Quantity").fill("2");
        await page.getByRole("button", { name: "Add to cart" }).click();
        await page.getByText("Added 2 to your cart.").waitFor();
        // The token came back once from addToCart and is kept.
        const token = await storedCartToken(page);
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        await page.getByRole("link", { name: "Go to cart" }).click();

        // The guest's cart: priced, the free-shipping progress, and checkout asks to sign in.
        await page.getByRole("heading", { name: "Cart", exact: true }).waitFor();
        const items = page.getByRole("table", { name: "Items" });
        await items.waitFor();
        expect(await items.getByRole("row").allTextContents()).toEqual([
          "ItemQuantityPriceTotal",
          `Duck treats ${tag} – Size 12$45.00$90.00`,
        ]);
        await page.getByText("$110.00 more for free shipping (from $200.00).").waitFor();
        expect(await page.getByLabel(/more for free shipping/).getAttribute("value")).toBe("9000");
        expect(await page.getByRole("button", { name: /^Place order/ }).count()).toBe(0);
        await page.getByRole("heading", { name: "Check out" }).waitFor();
        a11y["cart (guest)"] = await accessibilityProblems(page);
        await screenshot(page, "guest-cart", true);
        // Every request since the token came carried it, and none a session.
        const withToken = sent.filter((request) => request.cartToken === token);
        expect(withToken.length).toBeGreaterThan(0);
        expect(sent.filter((request) => request.signedIn)).toEqual([]);

        await page.getByRole("link", { name: "Sign in to check out" }).click();
        await page.getByRole("heading", { name: "Sign in" }).waitFor();
        expect(new URL(page.url()).searchParams.get("next")).toBe("/cart");
        a11y["sign in to check out"] = await accessibilityProblems(page);
        await page.getByLabel("Email").fill(buyer.email);
        await page.getByLabel("Password").fill(PASSWORD);
        const before = sent.length;
        await page.getByRole("button", { name: "Sign in" }).click();

        // Back in the cart, signed in: the guest's line merged into the account's.
        await items.getByRole("row", { name: new RegExp(`Size 2`) }).waitFor();
        expect(new URL(page.url()).pathname).toBe("/app/cart");
        // Priced for the account's Texas address now: the line totals include its tax.
        expect((await items.getByRole("row").allTextContents()).slice(1).sort()).toEqual([
          `Duck treats ${tag} – Size 12$45.00$95.63`,
          `Duck treats ${tag} – Size 21$30.00$31.88`,
        ]);
        expect(await page.getByRole("definition").first().textContent()).toBe("$120.00");
        await page.getByText("$80.00 more for free shipping (from $200.00).").waitFor();
        await page.getByText("Sam Buyer, 500 Congress Ave, Austin, TX, 78701, US").waitFor();
        // The merge: a signed-in request carried the token; once answered, the app forgot it.
        expect(sent.slice(before).some((request) => request.signedIn && request.cartToken === token)).toBe(true);
        await page.waitForFunction(
          () =>
            (globalThis as unknown as { localStorage: InPageStorage }).localStorage.getItem("pawgraph.cartToken") ===
            null,
        );
        const afterMerge = sent.length;

        await page.getByRole("button", { name: /^Place order and pay/ }).click();
        await page.getByRole("heading", { name: /^Order PG-\d+$/ }).waitFor();
        const facts = await page.locator("dl.facts").innerText();
        expect(facts).toMatch(/Status\s+Paid/);
        expect(facts).toMatch(/Payment\s+Paid in full \(offline\)/);
        expect(facts).toMatch(/Subtotal\s+\$120\.00/);
        await page.getByText(`2 × Duck treats ${tag} – Size 1 – $`).waitFor();
        await page.getByText(`1 × Duck treats ${tag} – Size 2 – $`).waitFor();
        expect(sent.slice(afterMerge).filter((request) => request.cartToken !== undefined)).toEqual([]);

        // Signing out brings back no guest cart.
        await page.getByRole("button", { name: "Sign out" }).click();
        await page.getByRole("heading", { name: "Sign in" }).waitFor();
        await nav.getByRole("link", { name: "Cart" }).click();
        await page.getByText("Your cart is empty.").waitFor();
        expect(await storedCartToken(page)).toBeNull();

        expect(a11y).toEqual({ "shop (signed out)": [], "cart (guest)": [], "sign in to check out": [] });
        expect(problems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
      } catch (error) {
        await failWithPages(error, [page], problems);
      } finally {
        await context.close();
      }
    },
    240_000,
  );
});
