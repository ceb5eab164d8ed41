import { OrderDocument } from "../clients/__generated__/graphql";
import { execute } from "./harness";
import { recordSubscriptions, subscribeSent } from "./web-app-subscriptions";
import { shipAll } from "./payouts-fixtures";
import { startedConversation } from "./messaging-fixtures";
import { flatShipping, shopWithStock, US_ADDRESS } from "./orders-fixtures";
import { registerVerifiedUser } from "./fixtures";
import { randomUUID } from "node:crypto";
import { accessibilityProblems, browserIt, failWithPages, screenshot, webAppSuite } from "./web-app-page";

describe("the web app's chat and shop (clinic chat live over graphql-ws; search, cart, offline checkout), on trusted documents only", () => {
  const web = webAppSuite("chat and shop");
  /** A fresh browser context signed in as `email`, recording its graphql-ws subscribes from the start. */
  const signedIn = (email: string, problems: string[]) =>
    web.signedIn(email, problems, { onPage: recordSubscriptions });
  const base = () => web.base();

  browserIt(
    "chat in two browsers: the owner's message reaches the vet's open conversation without a reload, and the reply comes back; unread counts and read receipts; an owner starts a conversation",
    async () => {
      const { owner, vet, clinicId, conversationId } = await startedConversation(web.stack, {
        subject: "Limping since Monday",
        text: "Rex limps on his front left leg.",
      });
      const problems: string[] = [];
      const a11y: Record<string, unknown[]> = {};
      const ownerPage = await signedIn(owner.email, problems);
      const vetPage = await signedIn(vet.email, problems);
      try {
        // The vet's list: the owner's first message is unread.
        await vetPage.getByRole("link", { name: "Messages" }).click();
        const vetList = vetPage.getByRole("list", { name: "Conversations" });
        await vetList.waitFor();
        expect(await vetList.getByRole("listitem").allTextContents()).toEqual([
          expect.stringMatching(/^Limping since Monday.*1 unread$/),
        ]);
        await vetPage.getByText("1 unread message in 1 conversation.").waitFor();
        a11y["conversations (vet)"] = await accessibilityProblems(vetPage);
        await screenshot(vetPage, "conversations");

        // Both open the conversation, each subscribed to its new messages.
        await vetList.getByRole("link", { name: "Limping since Monday" }).click();
        const vetLog = vetPage.getByRole("log", { name: "Messages" });
        await vetLog.getByText("Rex limps on his front left leg.").waitFor();
        await ownerPage.goto(`${base()}/app/messages/${conversationId}`);
        const ownerLog = ownerPage.getByRole("log", { name: "Messages" });
        await ownerLog.getByText("Rex limps on his front left leg.").waitFor();
        // Sent by its trusted id (extensions.persistedQuery), which the gateway resolves under `require`.
        const subscription = await subscribeSent(vetPage, "MessageAdded", { conversationId });
        expect(subscription.extensions).toEqual({
          persistedQuery: { version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
        });
        await subscribeSent(ownerPage, "MessageAdded", { conversationId });
        // graphql-ws acknowledges no subscribe: give the gateway a moment to reach messaging.
        await new Promise((done) => setTimeout(done, 1_500));

        // Owner → vet, live.
        await ownerPage.getByLabel("Your message").fill("It got worse this morning.");
        await ownerPage.getByRole("button", { name: "Send" }).click();
        await ownerLog.getByText("It got worse this morning.").waitFor();
        await vetLog.getByText("It got worse this morning.").waitFor();
        // Vet → owner, live.
        await vetPage.getByLabel("Your message").fill("Please come in at 3 pm today.");
        await vetPage.getByRole("button", { name: "Send" }).click();
        await ownerLog.getByText("Please come in at 3 pm today.").waitFor();
        expect(await ownerLog.getByRole("listitem").allTextContents()).toEqual([
          expect.stringMatching(/^YouRex limps on his front left leg\./),
          expect.stringMatching(/^YouIt got worse this morning\./),
          expect.stringMatching(/^vet .*Please come in at 3 pm today\./),
        ]);
        expect(await vetLog.getByRole("listitem").count()).toBe(3);
        a11y["conversation (owner)"] = await accessibilityProblems(ownerPage);
        a11y["conversation (vet)"] = await accessibilityProblems(vetPage);
        await screenshot(ownerPage, "conversation", true);

        // Seen on screen is read: back in the list, neither has anything unread.
        await vetPage.getByRole("link", { name: "← Messages" }).click();
        await vetPage.getByText("No unread messages.").waitFor();
        expect(await vetList.getByRole("listitem").allTextContents()).toEqual([expect.not.stringMatching(/unread/)]);
        await ownerPage.getByRole("link", { name: "← Messages" }).click();
        await ownerPage.getByText("No unread messages.").waitFor();

        // The owner writes to the clinic about something else: a second conversation, which the vet's list shows live.
        await ownerPage.goto(`${base()}/app/clinics/${clinicId}/message`);
        await ownerPage.getByRole("heading", { name: /^Message / }).waitFor();
        a11y["start a conversation"] = await accessibilityProblems(ownerPage);
        await ownerPage.getByLabel("Subject").fill("Food question");
        await ownerPage.getByLabel("Message", { exact: true }).fill("Which kibble do you recommend?");
        await ownerPage.getByRole("button", { name: "Send to clinic" }).click();
        await ownerPage.getByRole("heading", { name: "Food question" }).waitFor();
        await ownerPage.getByRole("log", { name: "Messages" }).getByText("Which kibble do you recommend?").waitFor();
        await vetList.getByRole("link", { name: "Food question" }).waitFor();
        await vetPage.getByText("1 unread message in 1 conversation.").waitFor();

        expect(a11y).toEqual({
          "conversations (vet)": [],
          "conversation (owner)": [],
          "conversation (vet)": [],
          "start a conversation": [],
        });
        expect(problems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
      } catch (error) {
        await failWithPages(error, [ownerPage, vetPage], problems);
      } finally {
        await ownerPage.context().close();
        await vetPage.context().close();
      }
    },
    240_000,
  );

  browserIt(
    "shop: search with facets, a product's variants with price and stock, the cart with free-shipping progress, checkout with the offline provider, the paid order tracked live",
    async () => {
      const tag = randomUUID().slice(0, 8);
      const shop = await shopWithStock(
        web.stack,
        [
          { priceMinor: 4500, stock: 5 },
          { priceMinor: 8000, stock: 2 },
        ],
        {
          label: "web-shop",
          product: { title: `Salmon kibble ${tag}` },
        },
      );
      await flatShipping(web.stack, shop.vendor, 500);
      const buyer = await registerVerifiedUser(web.stack, "web-buyer");
      const problems: string[] = [];
      const a11y: Record<string, unknown[]> = {};
      const page = await signedIn(buyer.email, problems);
      try {
        await page.getByRole("link", { name: "Shop" }).click();
        await page.getByRole("heading", { level: 1, name: "Shop" }).waitFor();
        await page.getByLabel("Search products").fill(tag);
        await page.getByRole("button", { name: "Search" }).click();
        const products = page.getByRole("list", { name: "Products" });
        await page.getByRole("status").getByText("1 product").waitFor();
        expect(await products.getByRole("listitem").allTextContents()).toEqual([
          expect.stringMatching(new RegExp(`^Salmon kibble ${tag}.*from \\$45\\.00$`)),
        ]);
        // A facet narrows the search (and says it is on).
        const dogs = page.getByRole("complementary", { name: "Filters" }).getByRole("button", { name: "Dog (1)" });
        await dogs.click();
        expect(await dogs.getAttribute("aria-pressed")).toBe("true");
        await products.getByRole("link", { name: `Salmon kibble ${tag}` }).waitFor();
        a11y["shop search"] = await accessibilityProblems(page);
        await screenshot(page, "shop", true);

        await products.getByRole("link", { name: `Salmon kibble ${tag}` }).click();
        await page.getByRole("heading", { name: `Salmon kibble ${tag}` }).waitFor();
        const variants = page.getByRole("table", { name: "Variants" });
        expect(await variants.getByRole("row").allTextContents()).toEqual([
          "VariantPriceStock",
          "Size 1$45.00In stock",
          "Size 2$80.00In stock",
        ]);
        a11y["product"] = await accessibilityProblems(page);
        await page.getByLabel("Quantity").fill("2");
        await page.getByRole("button", { name: "Add to cart" }).click();
        await page.getByText("Added 2 to your cart.").waitFor();
        await page.getByRole("link", { name: "Go to cart" }).click();

        await page.getByRole("heading", { name: "Cart" }).waitFor();
        const items = page.getByRole("table", { name: "Items" });
        await items.waitFor();
        expect(await items.getByRole("row").nth(1).textContent()).toBe(`Salmon kibble ${tag} – Size 12$45.00$90.00`);
        // 90.00 of the 200.00 from which shipping is free.
        await page.getByText("$110.00 more for free shipping (from $200.00).").waitFor();
        expect(await page.getByLabel(/more for free shipping/).getAttribute("value")).toBe("9000");
        await page.getByLabel("Full name").fill(US_ADDRESS.name);
        await page.getByLabel("Street and number").fill(US_ADDRESS.line1);
        await page.getByLabel("City").fill(US_ADDRESS.city);
        await page.getByLabel("State or region (optional)").fill(US_ADDRESS.region);
        await page.getByLabel("Postal code").fill(US_ADDRESS.postalCode);
        await page.getByLabel("Country (two letters, e.g. US)").fill(US_ADDRESS.country);
        await page.getByRole("button", { name: "Save address" }).click();
        await page.getByText("Sam Buyer, 500 Congress Ave, Austin, TX, 78701, US").waitFor();
        a11y["cart"] = await accessibilityProblems(page);
        await screenshot(page, "cart", true);

        await page.getByRole("button", { name: /^Place order and pay/ }).click();
        await page.getByRole("heading", { name: /^Order PG-\d+$/ }).waitFor();
        const facts = await page.locator("dl.facts").innerText();
        expect(facts).toMatch(/Status\s+Paid/);
        expect(facts).toMatch(/Payment\s+Paid in full \(offline\)/);
        expect(facts).toMatch(/Subtotal\s+\$90\.00/);
        expect(facts).toMatch(/Shipping\s+\$5\.00/);
        await page.getByText(`2 × Salmon kibble ${tag} – Size 1 – $`).waitFor();
        a11y["order"] = await accessibilityProblems(page);

        // Tracking, live: the vendor ships the parcel and the open page follows without a reload.
        const orderId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
        await subscribeSent(page, "WebOrderUpdated", { orderId });
        // graphql-ws acknowledges no subscribe: give the gateway a moment to reach orders.
        await new Promise((done) => setTimeout(done, 1_500));
        const placed = await execute(web.stack.gateway.url, OrderDocument, { id: orderId }, buyer.token);
        const parcel = await shipAll(web.stack, shop, placed.data!.order!.vendorOrders[0]!);
        const parcels = page.getByRole("list", { name: "Parcels of shipment 1" });
        await parcels
          .getByText(new RegExp(`^UPS ${parcel.shipments[0]!.trackingNumber}: shipped .*, on its way$`))
          .waitFor();
        await page.getByRole("heading", { name: "Shipment 1: Shipped" }).waitFor();
        await screenshot(page, "order", true);

        expect(a11y).toEqual({ "shop search": [], product: [], cart: [], order: [] });
        expect(problems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
      } catch (error) {
        await failWithPages(error, [page], problems);
      } finally {
        await page.context().close();
      }
    },
    240_000,
  );
});
