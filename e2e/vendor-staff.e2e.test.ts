import { randomUUID } from "node:crypto";
import { decodeJwt } from "jose";
import {
  AdjustStockDocument,
  CreateStockLocationDocument,
  ReviewVendorDocument,
  SetLowStockLevelDocument,
  SuspendVendorDocument,
} from "../clients/__generated__/graphql";
import { applyVendor, approvedVendor, buildProduct, createCategory, createProduct } from "./catalog-fixtures";
import {
  adminToken,
  eventually,
  execute,
  login,
  post,
  registerUser,
  registerVerifiedUser,
  startStack,
  type Stack,
} from "./harness";

/*
 * Vendor accounts, from identity's and messaging's side: catalog's vendor events (approved, rejected
 * and suspended through the gateway, relayed from catalog's outbox) make and unmake vendor admins,
 * whose tokens carry `vendors` like clinic memberships; a vendor's admins manage its staff; the
 * applicant and the admins are told, also when stock runs low.
 */
let stack: Stack;
beforeAll(async () => {
  // Its own database and events, with messaging consuming them: the notifications are part of the story.
  stack = await startStack({ ownDatabase: true, messaging: { consumeEvents: true } });
}, 120_000);
afterAll(() => stack.stop());

const ME = `{ me { id roles vendorMemberships { vendorId role } } }`;
const NOTIFICATIONS = `{ notifications(first: 10) { edges { node { type title body } } } }`;
const ADD = `mutation($input: AddVendorStaffInput!) {
  addVendorStaff(input: $input) {
    __typename
    ... on VendorStaffMember { vendorId role user { id email } }
    ... on NoVerifiedAccountError { message }
    ... on LastVendorAdminError { message }
  }
}`;
const REMOVE = `mutation($input: RemoveVendorStaffInput!) {
  removeVendorStaff(input: $input) {
    __typename
    ... on VendorStaffRemoved { vendorId userId }
    ... on LastVendorAdminError { message }
  }
}`;

type Notice = { type: string; title: string; body: string };
async function noticesOf(token: string): Promise<Notice[]> {
  const result = await post<{ notifications: { edges: { node: Notice }[] } }>(
    stack.gateway.url,
    { query: NOTIFICATIONS },
    token,
  );
  return result.data?.notifications.edges.map((e) => e.node) ?? [];
}

/** The error code `{ me }` answers with this token, or "OK" (for revocations, which take up to a poll). */
async function codeOf(token: string): Promise<string> {
  const result = await post(stack.gateway.url, { query: `{ me { id } }` }, token);
  return (result.errors?.[0]?.extensions?.code as string | undefined) ?? "OK";
}

describe("vendor accounts", () => {
  it("an approved vendor's applicant is told, becomes its admin, and their next token carries it", async () => {
    const vendor = await approvedVendor(stack, "vendor-applicant", { name: "Paws & Co" });
    expect(decodeJwt(vendor.token).vendors).toEqual([{ vendorId: vendor.vendorId, role: "VENDOR_ADMIN" }]);
    const me = await post(stack.gateway.url, { query: ME }, vendor.token);
    expect(me).toMatchObject({
      data: {
        me: {
          id: vendor.userId,
          roles: ["OWNER", "VENDOR_ADMIN"],
          vendorMemberships: [{ vendorId: vendor.vendorId, role: "VENDOR_ADMIN" }],
        },
      },
    });
    const notices = await eventually(
      () => noticesOf(vendor.token),
      (n) => n.length > 0,
      10_000,
    );
    expect(notices).toEqual([
      {
        type: "VENDOR_APPROVED",
        title: "Vendor approved",
        body: "Paws & Co is approved: you can now list products and manage stock. Sign in again to see it.",
      },
    ]);
  });

  it("a rejected applicant is told why, and gets no vendor role", async () => {
    const applicant = await registerVerifiedUser(stack, "vendor-rejected");
    const { vendor } = await applyVendor(stack, applicant.token, { name: "Shady Pets" });
    const rejected = await execute(
      stack.gateway.url,
      ReviewVendorDocument,
      { input: { vendorId: vendor.id, decision: "REJECT", reason: "No trade licence" } },
      await adminToken(stack),
    );
    expect(rejected.data?.reviewVendor?.status).toBe("REJECTED");
    const notices = await eventually(
      () => noticesOf(applicant.token),
      (n) => n.length > 0,
      10_000,
    );
    expect(notices).toEqual([
      {
        type: "VENDOR_REJECTED",
        title: "Vendor application declined",
        body: "Shady Pets was not approved. Reason: No trade licence",
      },
    ]);
    const signedIn = (await login(stack, applicant.email)).data!.login as { accessToken: string };
    const me = await post(stack.gateway.url, { query: ME }, signedIn.accessToken);
    expect(me.data).toEqual({ me: { id: applicant.user.id, roles: ["OWNER"], vendorMemberships: [] } });
  });

  it("an admin adds a colleague by the email of a verified account; removing them ends their token within seconds", async () => {
    const { vendorId, token: admin, userId: adminId } = await approvedVendor(stack, "vendor-admin");
    const colleague = await registerVerifiedUser(stack, "vendor-colleague");
    const added = await post(
      stack.gateway.url,
      { query: ADD, variables: { input: { vendorId, email: colleague.email.toUpperCase(), role: "VENDOR_STAFF" } } },
      admin,
    );
    // The admin sees who they added by name only: the email stays the colleague's.
    expect(added).toMatchObject({
      data: {
        addVendorStaff: {
          __typename: "VendorStaffMember",
          vendorId,
          role: "VENDOR_STAFF",
          user: { id: colleague.user.id, email: null },
        },
      },
    });
    // No account, or one whose address is not verified: the same answer, nothing written.
    const unverified = await registerUser(stack, "vendor-unverified");
    for (const email of [unverified.email, `nobody-${randomUUID().slice(0, 8)}@example.test`]) {
      const refused = await post(
        stack.gateway.url,
        { query: ADD, variables: { input: { vendorId, email, role: "VENDOR_ADMIN" } } },
        admin,
      );
      expect(refused.data?.addVendorStaff).toEqual({
        __typename: "NoVerifiedAccountError",
        message:
          "There is no account with a verified address for this email. Ask them to sign up and confirm their email, then try again.",
      });
    }

    const signedIn = (await login(stack, colleague.email)).data!.login as { accessToken: string };
    const staffToken = signedIn.accessToken;
    expect((await post(stack.gateway.url, { query: ME }, staffToken)).data).toMatchObject({
      me: { roles: ["OWNER", "VENDOR_STAFF"], vendorMemberships: [{ vendorId, role: "VENDOR_STAFF" }] },
    });
    // Staff do not manage staff.
    const bystander = await registerVerifiedUser(stack, "vendor-bystander");
    const byStaff = await post(
      stack.gateway.url,
      { query: ADD, variables: { input: { vendorId, email: bystander.email, role: "VENDOR_STAFF" } } },
      staffToken,
    );
    expect(byStaff.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);

    const removed = await post(
      stack.gateway.url,
      { query: REMOVE, variables: { input: { vendorId, userId: colleague.user.id } } },
      admin,
    );
    expect(removed.data?.removeVendorStaff).toEqual({
      __typename: "VendorStaffRemoved",
      vendorId,
      userId: colleague.user.id,
    });
    expect(
      await eventually(
        () => codeOf(staffToken),
        (c) => c === "UNAUTHENTICATED",
        5_000,
      ),
    ).toBe("UNAUTHENTICATED");
    // The last admin stays.
    const self = await post(
      stack.gateway.url,
      { query: REMOVE, variables: { input: { vendorId, userId: adminId } } },
      admin,
    );
    expect(self.data?.removeVendorStaff).toMatchObject({ __typename: "LastVendorAdminError" });
  });

  it("low stock reaches the vendor's admins; a suspension ends their tokens and their role", async () => {
    const {
      vendorId,
      token: admin,
      userId,
      email,
    } = await approvedVendor(stack, "vendor-suspended", {
      name: "Kibble Corner",
    });
    // A variant with a low-stock level of 5 at a location, stocked with 10, then 8 sold off: 2 left.
    const category = await createCategory(stack, await adminToken(stack));
    const sku = `SAL-${randomUUID().slice(0, 6)}`;
    const product = await createProduct(
      stack,
      admin,
      buildProduct(vendorId, category.id, {
        title: "Salmon kibble 2 kg",
        variants: [{ sku, priceMinor: 1999, currency: "EUR" }],
      }),
    );
    const variantId = product.variants[0]!.id;
    const location = await execute(
      stack.gateway.url,
      CreateStockLocationDocument,
      { input: { vendorId, name: "Warehouse", country: "DE" } },
      admin,
    );
    const locationId = location.data!.createStockLocation!.id;
    const adjust = (delta: number) =>
      execute(
        stack.gateway.url,
        AdjustStockDocument,
        { input: { variantId, locationId, delta, reason: "Count" } },
        admin,
      );
    expect((await adjust(10)).data?.adjustStock?.available).toBe(10);
    const levelled = await execute(
      stack.gateway.url,
      SetLowStockLevelDocument,
      { input: { variantId, locationId, lowLevel: 5 } },
      admin,
    );
    expect(levelled.data?.setLowStockLevel?.lowLevel).toBe(5);
    expect((await adjust(-8)).data?.adjustStock?.available).toBe(2);
    const notices = await eventually(
      () => noticesOf(admin),
      (n) => n.some((x) => x.type === "STOCK_LOW"),
      10_000,
    );
    expect(notices.filter((n) => n.type === "STOCK_LOW")).toEqual([
      {
        type: "STOCK_LOW",
        title: "Low stock: Salmon kibble 2 kg",
        body: `Salmon kibble 2 kg (SKU ${sku}) at Kibble Corner is down to 2 (low level 5).`,
      },
    ]);

    const suspended = await execute(
      stack.gateway.url,
      SuspendVendorDocument,
      { input: { vendorId, reason: "Counterfeit goods" } },
      await adminToken(stack),
    );
    expect(suspended.data?.suspendVendor?.status).toBe("SUSPENDED");
    expect(
      await eventually(
        () => codeOf(admin),
        (c) => c === "UNAUTHENTICATED",
        15_000,
      ),
    ).toBe("UNAUTHENTICATED");
    const again = (await login(stack, email)).data!.login as { accessToken: string };
    expect(decodeJwt(again.accessToken).vendors).toEqual([]);
    expect((await post(stack.gateway.url, { query: ME }, again.accessToken)).data).toEqual({
      me: { id: userId, roles: ["OWNER"], vendorMemberships: [] },
    });
  });
});
