import { randomUUID } from "node:crypto";
import {
  ClinicDocument,
  ClinicsByStatusDocument,
  VendorByIdDocument,
  VendorPayoutLedgerDocument,
  WebVendorProductsDocument,
} from "../clients/__generated__/graphql";
import { applyVendor, createCategory, tokenWithVendorRole } from "./catalog-fixtures";
import { ADMIN_EMAIL, adminToken, execute, registerClinic, registerVerifiedUser, startStack } from "./harness";
import { flatShipping, paidOfflineOrder } from "./orders-fixtures";
import { expectRows, tableRows } from "./web-app-business-page";
import { accessibilityProblems, browserIt, failWithPages, screenshot, webAppSuite } from "./web-app-page";

describe("the web app's vendor and platform-admin screens (apply, approve, products, stock, fulfilment, payouts), on trusted documents only", () => {
  const web = webAppSuite("vendor and admin", {
    // Its own database: the admin's list of shops waiting for approval holds only this test's.
    stack: () => startStack({ ownDatabase: true }),
  });
  const signedIn = (email: string, problems: string[]) => web.signedIn(email, problems);

  browserIt(
    "a user applies to sell; a platform admin approves the shop; its new admin creates, publishes and stocks a product, ships and delivers a buyer's order and sees the payout account's status",
    async () => {
      const category = await createCategory(web.stack, await adminToken(web.stack));
      const seller = await registerVerifiedUser(web.stack, "web-seller");
      // An earlier application, which the admin rejects.
      const other = await applyVendor(web.stack, (await registerVerifiedUser(web.stack, "web-other-seller")).token);
      const tag = randomUUID().slice(0, 8);
      // Two clinics waiting for approval: the admin rejects the older with a reason, approves the other.
      const refusedName = `Web Nowhere Clinic ${tag}`;
      const refused = await registerClinic(web.stack, { approve: false, name: refusedName });
      const clinicName = `Web Paws Clinic ${tag}`;
      const { clinicId } = await registerClinic(web.stack, { approve: false, name: clinicName });
      const shopName = `Web Tails ${tag}`;
      const problems: string[] = [];
      const a11y: Record<string, unknown[]> = {};
      const sellerPage = await signedIn(seller.email, problems);
      const adminPage = await signedIn(ADMIN_EMAIL, problems);
      try {
        // No shop yet: an "Apply to sell" link, and no Sell or Admin link.
        const sellerNav = sellerPage.getByRole("navigation", { name: "Main" });
        await sellerNav.getByRole("link", { name: "Apply to sell" }).click();
        expect(await sellerNav.getByRole("link", { name: "Sell", exact: true }).count()).toBe(0);
        expect(await sellerNav.getByRole("link", { name: "Admin" }).count()).toBe(0);
        await sellerPage.getByRole("heading", { name: "Apply to sell" }).waitFor();
        a11y["apply to sell"] = await accessibilityProblems(sellerPage);
        await sellerPage.getByLabel("Shop name").fill(shopName);
        await sellerPage.getByLabel("Contact email").fill(`shop-${tag}@example.test`);
        await sellerPage.getByLabel("Street and number").fill("1 Main Street");
        await sellerPage.getByLabel("City").fill("Austin");
        await sellerPage.getByLabel("Postal code").fill("78701");
        await sellerPage.getByLabel("Country (two letters, e.g. US)").fill("US");
        await sellerPage.getByLabel("Currency (three letters, e.g. USD)").fill("USD");
        await sellerPage.getByRole("button", { name: "Apply" }).click();
        const shops = sellerPage.getByRole("list", { name: "Your shops" });
        await shops.waitFor();
        expect(await shops.getByRole("listitem").allTextContents()).toEqual([`${shopName}Waiting for approval`]);
        await sellerNav.getByRole("link", { name: "Sell", exact: true }).waitFor();
        a11y["your shops (pending)"] = await accessibilityProblems(sellerPage);

        // The platform admin rejects the other shop with a reason and approves this one in the Admin screen.
        await adminPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
        await adminPage.getByRole("heading", { name: "Approvals" }).waitFor();
        await adminPage.getByRole("article", { name: shopName }).waitFor();
        const pendingShops = adminPage.getByRole("region", { name: "Shops waiting for approval" });
        expect(await pendingShops.getByRole("article").getByRole("heading").allTextContents()).toEqual([
          other.vendor.name,
          shopName,
        ]);
        const rejected = adminPage.getByRole("article", { name: other.vendor.name });
        await rejected.getByLabel("Reason to reject (shown to the applicant)").fill("Registration documents missing");
        await rejected.getByRole("button", { name: `Reject ${other.vendor.name}` }).click();
        await adminPage.getByRole("status").getByText(`${other.vendor.name} was rejected.`).waitFor();
        await rejected.waitFor({ state: "detached" });
        const reviewed = await execute(
          web.stack.gateway.url,
          VendorByIdDocument,
          { id: other.vendor.id },
          await adminToken(web.stack),
        );
        expect(reviewed.data?.vendor).toMatchObject({
          status: "REJECTED",
          statusReason: "Registration documents missing",
        });
        const application = adminPage.getByRole("article", { name: shopName });
        expect(await application.locator("dl").innerText()).toMatch(
          new RegExp(`Contact\\s+shop-${tag}@example.test\\s+Where\\s+Austin, US\\s+Currency\\s+USD`),
        );
        const pendingClinics = adminPage.getByRole("region", { name: "Clinics waiting for approval" });
        const clinic = pendingClinics.getByRole("article", { name: clinicName });
        await clinic.waitFor();
        expect(await pendingClinics.getByRole("article").getByRole("heading").allTextContents()).toEqual([
          refusedName,
          clinicName,
        ]);
        expect(await clinic.locator("dl").innerText()).toMatch(
          /Address\s+Hauptstraße 1, Berlin, DE\s+Time zone\s+Europe\/Berlin\s+Registered\s+\S/,
        );
        a11y["admin approvals"] = await accessibilityProblems(adminPage);
        await screenshot(adminPage, "admin", true);
        await application.getByRole("button", { name: `Approve ${shopName}` }).click();
        await adminPage.getByRole("status").getByText(`${shopName} was approved.`).waitFor();
        await application.waitFor({ state: "detached" });
        const refusedClinic = pendingClinics.getByRole("article", { name: refusedName });
        await refusedClinic.getByLabel("Reason to reject (shown to the clinic’s people)").fill("No such address");
        await refusedClinic.getByRole("button", { name: `Reject ${refusedName}` }).click();
        await adminPage.getByRole("status").getByText(`${refusedName} was rejected.`).waitFor();
        await refusedClinic.waitFor({ state: "detached" });
        const rejectedClinics = await execute(
          web.stack.gateway.url,
          ClinicsByStatusDocument,
          { status: "REJECTED", first: 10 },
          await adminToken(web.stack),
        );
        expect(rejectedClinics.data?.clinics?.edges.map((edge) => edge.node)).toEqual([
          expect.objectContaining({ id: refused.clinicId, statusReason: "No such address" }),
        ]);
        await clinic.getByRole("button", { name: `Approve ${clinicName}` }).click();
        await adminPage.getByRole("status").getByText(`${clinicName} was approved.`).waitFor();
        await clinic.waitFor({ state: "detached" });
        await pendingClinics.getByText("No clinics are waiting.").waitFor();
        const approvedClinic = await execute(
          web.stack.gateway.url,
          ClinicDocument,
          { id: clinicId },
          await adminToken(web.stack),
        );
        expect(approvedClinic.data?.clinic?.status).toBe("APPROVED");

        // The seller's shop is approved: its page waits for the new role in the session, then shows products.
        await sellerPage.reload();
        await shops.getByRole("link", { name: shopName }).click();
        const vendorId = /\/sell\/([^/]+)\/products$/.exec(new URL(sellerPage.url()).pathname)![1]!;
        await sellerPage.getByRole("heading", { name: "Products", level: 2 }).waitFor();
        await sellerPage.getByText("No products yet.").waitFor();
        await sellerPage.getByLabel("Title").fill(`Salmon kibble ${tag}`);
        await sellerPage.getByLabel("Category").selectOption({ label: category.path });
        await sellerPage.getByLabel("SKU").fill(`SK-${tag}`);
        await sellerPage.getByLabel("Variant name (optional, e.g. 2 kg bag)").fill("2 kg bag");
        await sellerPage.getByLabel("Price (USD)").fill("24.50");
        await sellerPage.getByRole("button", { name: "Create draft" }).click();
        await sellerPage.getByText(`Salmon kibble ${tag} was created as a draft.`).waitFor();
        expect(await tableRows(sellerPage, "Products")).toEqual([
          "Product | Category | Price | Status | Actions",
          `Salmon kibble ${tag} | ${category.path} | $24.50 | Draft | Publish`,
        ]);
        await sellerPage.getByRole("button", { name: `Publish Salmon kibble ${tag}` }).click();
        await sellerPage.getByText(`Salmon kibble ${tag} is published in the shop.`).waitFor();
        await expectRows(sellerPage, "Products", [
          "Product | Category | Price | Status | Actions",
          `Salmon kibble ${tag} | ${category.path} | $24.50 | Published | `,
        ]);
        a11y["vendor products"] = await accessibilityProblems(sellerPage);
        await screenshot(sellerPage, "vendor-products", true);

        // Stock: a first location, then 12 units in and a low-stock level of 3.
        await sellerPage.getByRole("navigation", { name: "Shop" }).getByRole("link", { name: "Stock" }).click();
        await sellerPage.getByText("You have no stock location yet: add one to record stock.").waitFor();
        await sellerPage.getByLabel("Name").fill("Warehouse");
        expect(await sellerPage.getByLabel("Country (two letters)").inputValue()).toBe("US");
        await sellerPage.getByRole("button", { name: "Add location" }).click();
        await sellerPage.getByText("Stock location Warehouse added.").waitFor();
        const stockHeader = "Variant | SKU | Location | On hand | Available | Low-stock level";
        const variantName = `Salmon kibble ${tag} – 2 kg bag`;
        expect(await tableRows(sellerPage, "Stock by variant and location")).toEqual([
          stockHeader,
          `${variantName} | SK-${tag} | Warehouse | 0 | 0 | Not set`,
        ]);
        const adjust = sellerPage.getByRole("form", { name: "Adjust stock" });
        await adjust.getByLabel("Units to add (negative to remove)").fill("12");
        await adjust.getByLabel("Reason").fill("Delivery");
        await adjust.getByRole("button", { name: "Adjust stock" }).click();
        await sellerPage.getByText("Stock adjusted.").waitFor();
        const low = sellerPage.getByRole("form", { name: "Low-stock level" });
        await low.getByLabel("Warn at (units; empty to clear)").fill("3");
        await low.getByRole("button", { name: "Set low-stock level" }).click();
        await sellerPage.getByText("Low-stock level set.").waitFor();
        await expectRows(sellerPage, "Stock by variant and location", [
          stockHeader,
          `${variantName} | SK-${tag} | Warehouse | 12 | 12 | 3`,
        ]);
        a11y["vendor stock"] = await accessibilityProblems(sellerPage);

        // A buyer orders two through the API (offline provider: paid at once); the shop ships the order.
        const vendor = await tokenWithVendorRole(web.stack, seller.refreshToken, vendorId);
        await flatShipping(web.stack, { vendorId, token: vendor.token }, 500);
        const products = await execute(
          web.stack.gateway.url,
          WebVendorProductsDocument,
          { id: vendorId },
          vendor.token,
        );
        const variantId = products.data!.vendor!.products.edges[0]!.node.variants[0]!.id;
        const { order, vendorOrder } = await paidOfflineOrder(web.stack, variantId, "web-seller-buyer", 2);
        await sellerPage
          .getByRole("navigation", { name: "Shop" })
          .getByRole("link", { name: "Orders to fulfil" })
          .click();
        const card = sellerPage.getByRole("article", { name: `Order ${order.number}` });
        expect(await card.locator("dl").innerText()).toMatch(
          // Two at $24.50, $5.00 shipping and Texas tax: the total the API computed.
          new RegExp(
            `Status\\s+To fulfil\\s+Placed\\s+.+\\s+Ship to\\s+Sam Buyer, 500 Congress Ave, Austin, TX, 78701, US\\s+Total\\s+\\$${(vendorOrder.total.amountMinor / 100).toFixed(2)}$`,
          ),
        );
        expect(await card.getByRole("list", { name: `Items of order ${order.number}` }).innerText()).toBe(
          `2 × ${variantName} (SK-${tag}), 0 shipped`,
        );
        a11y["vendor orders"] = await accessibilityProblems(sellerPage);
        await card.getByLabel("Carrier").fill("UPS");
        await card.getByLabel("Tracking number").fill(`1Z${tag}`);
        await card.getByRole("button", { name: "Mark shipped" }).click();
        await sellerPage.getByRole("status").getByText(`Order ${order.number} is marked shipped.`).waitFor();
        await card.getByText(`UPS 1Z${tag}: on its way`).waitFor();
        expect(await card.locator("dl").innerText()).toMatch(/Status\s+Shipped/);
        await card.getByRole("button", { name: "Mark delivered" }).click();
        await sellerPage.getByRole("status").getByText(`Order ${order.number} is marked delivered.`).waitFor();
        await card.getByText(new RegExp(`UPS 1Z${tag}: delivered`)).waitFor();
        expect(await card.locator("dl").innerText()).toMatch(/Status\s+Delivered/);
        expect(await card.getByRole("button").count()).toBe(0);

        // Payouts (its VENDOR_ADMIN): this stack pays vendors outside Stripe, so there is nothing to set up.
        await sellerPage.getByRole("navigation", { name: "Shop" }).getByRole("link", { name: "Payouts" }).click();
        await sellerPage.getByText("Settled manually: the platform pays you outside Stripe").waitFor();
        expect(await sellerPage.getByRole("button", { name: /set(ting)? up payouts/i }).count()).toBe(0);
        // The shipped order is credited, to be settled manually: what the API's ledger says, in the page.
        const ledger = await execute(web.stack.gateway.url, VendorPayoutLedgerDocument, { vendorId }, vendor.token);
        const [credit] = ledger.data!.vendorPayoutLedger!.edges.map((edge) => edge.node);
        const dollars = (minor: number) => `$${(minor / 100).toFixed(2)}`;
        expect(credit).toMatchObject({ orderNumber: order.number, direction: "CREDIT", settlement: "MANUAL" });
        expect((await tableRows(sellerPage, "Ledger")).map((row) => row.replace(/^[^|]+\| /, ""))).toEqual([
          "Order | Credit or debit | Amount | Commission",
          `${order.number} | Credit | ${dollars(credit!.amount.amountMinor)} | ${dollars(credit!.commission.amountMinor)}`,
        ]);
        expect(await tableRows(sellerPage, "Balances")).toEqual([
          "Currency | Owed to you | Transferred | To settle manually | Commission",
          `USD | ${dollars(credit!.amount.amountMinor)} | $0.00 | ${dollars(credit!.amount.amountMinor)} | ${dollars(credit!.commission.amountMinor)}`,
        ]);
        a11y["vendor payouts"] = await accessibilityProblems(sellerPage);

        expect(a11y).toEqual({
          "apply to sell": [],
          "your shops (pending)": [],
          "admin approvals": [],
          "vendor products": [],
          "vendor stock": [],
          "vendor orders": [],
          "vendor payouts": [],
        });
        expect(problems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
      } catch (error) {
        await failWithPages(error, [sellerPage, adminPage], problems);
      } finally {
        await sellerPage.context().close();
        await adminPage.context().close();
      }
    },
    240_000,
  );
});
