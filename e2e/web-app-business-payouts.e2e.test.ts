import { VendorPayoutAccountDocument } from "../clients/__generated__/graphql";
import { StripeStandIn } from "../subgraphs/orders/test/stripe-stand-in";
import { tokenWithVendorRole } from "./catalog-fixtures";
import { eventually, execute, post, registerVerifiedUser } from "./harness";
import { deliver, payoutShop, payoutStack } from "./payouts-fixtures";
import { accessibilityProblems, browserIt, failWithPages, webAppSuite } from "./web-app-page";

describe("the web app's payouts screen with Stripe Connect (the stand-in), on trusted documents only", () => {
  const stripe = new StripeStandIn();
  const web = webAppSuite("payout onboarding", {
    stack: () => payoutStack(stripe),
  });
  afterAll(() => stripe.stop());
  const base = () => web.base();
  const signedIn = (email: string, problems: string[]) => web.signedIn(email, problems);

  browserIt(
    "a VENDOR_ADMIN's Set up payouts goes to Stripe's onboarding page, and the screen says Enabled once Stripe enables payouts; the shop's staff have no Payouts tab",
    async () => {
      const shop = await payoutShop(web.stack, "web-payouts");
      const { vendorId } = shop.vendor;
      const colleague = await registerVerifiedUser(web.stack, "web-payouts-staff");
      const added = await post(
        web.stack.gateway.url,
        {
          query: `mutation($input: AddVendorStaffInput!) { addVendorStaff(input: $input) { __typename } }`,
          variables: { input: { vendorId, email: colleague.email, role: "VENDOR_STAFF" } },
        },
        shop.vendor.token,
      );
      expect(added.data).toEqual({ addVendorStaff: { __typename: "VendorStaffMember" } });
      // The role reaches identity a moment later; a sign-in after that carries it.
      await tokenWithVendorRole(web.stack, colleague.refreshToken, vendorId, "VENDOR_STAFF");

      const problems: string[] = [];
      const a11y: Record<string, unknown[]> = {};
      const adminPage = await signedIn(shop.vendor.email, problems);
      const staffPage = await signedIn(colleague.email, problems);
      // Stripe's hosted onboarding is on the Internet: the browser gets a stand-in page instead.
      await adminPage.context().route("https://connect.stripe.com/**", (route) =>
        route.fulfill({
          contentType: "text/html",
          body: "<title>Stripe onboarding</title><h1>Stripe onboarding</h1>",
        }),
      );
      try {
        // Staff work on the shop but do not see its money.
        await staffPage.goto(`${base()}/app/sell/${vendorId}/products`);
        const staffTabs = staffPage.getByRole("navigation", { name: "Shop" });
        await staffTabs.getByRole("link", { name: "Stock" }).waitFor();
        expect(await staffTabs.innerText()).toMatch(/^Products\s+Stock\s+Orders to fulfil$/);

        await adminPage.goto(`${base()}/app/sell/${vendorId}/payouts`);
        await adminPage
          .getByText("Not set up: payouts are settled manually until you connect a Stripe account")
          .waitFor();
        a11y["payouts (not connected)"] = await accessibilityProblems(adminPage);
        await adminPage.getByRole("button", { name: "Set up payouts" }).click();
        await adminPage.waitForURL(/^https:\/\/connect\.stripe\.com\/setup\//);
        await adminPage.getByRole("heading", { name: "Stripe onboarding" }).waitFor();

        // Stripe enables payouts (account.updated); back in the app the screen says so and offers nothing to set up.
        const read = await execute(web.stack.gateway.url, VendorPayoutAccountDocument, { vendorId }, shop.vendor.token);
        const accountId = read.data!.vendorPayoutAccount!.stripeAccountId!;
        const account = stripe.connect.updateAccount(accountId, { payoutsEnabled: true, detailsSubmitted: true });
        expect(await deliver(web.stack, stripe, stripe.eventFor("account.updated", account))).toBe(200);
        await eventually(
          () => execute(web.stack.gateway.url, VendorPayoutAccountDocument, { vendorId }, shop.vendor.token),
          (again) => again.data?.vendorPayoutAccount?.status === "ENABLED",
        );
        await adminPage.goto(`${base()}/app/sell/${vendorId}/payouts`);
        await adminPage.getByText("Enabled: payouts go to your Stripe account").waitFor();
        expect(await adminPage.getByRole("button", { name: /payouts/i }).count()).toBe(0);
        await adminPage.getByText("No entries yet: each order is credited here once it ships.").waitFor();
        a11y["payouts (enabled)"] = await accessibilityProblems(adminPage);

        expect(a11y).toEqual({ "payouts (not connected)": [], "payouts (enabled)": [] });
        expect(problems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
      } catch (error) {
        await failWithPages(error, [adminPage, staffPage], problems);
      } finally {
        await adminPage.context().close();
        await staffPage.context().close();
      }
    },
    180_000,
  );
});
