// Coupons and shipping methods through the gateway: a vendor's VENDOR_ADMINs (and platform admins)
// manage their vendor's; carts offer the methods and take the coupons at once. Other vendors and
// buyers learn nothing (NOT_FOUND), the vendor's staff are refused (FORBIDDEN), anonymous callers
// must sign in; bad input names its field and writes nothing.
import { randomUUID } from "node:crypto";
import {
  AddToCartDocument,
  ApplyCouponDocument,
  CartDocument,
  CouponsDocument,
  CreateCouponDocument,
  CreateShippingMethodDocument,
  DeactivateCouponDocument,
  DeactivateShippingMethodDocument,
  ShippingMethodsDocument,
  UpdateShippingMethodDocument,
  type CreateCouponInput,
  type CreateShippingMethodInput,
} from "../clients/__generated__/graphql";
import { approvedVendor, tokenWithVendorRole } from "./catalog-fixtures";
import { adminToken, execute, onlyError, post, registerVerifiedUser, startStack, type Stack } from "./harness";
import { shopWithStock } from "./orders-fixtures";

let stack: Stack;
let admin: string;
let shop: Awaited<ReturnType<typeof shopWithStock>>;
let other: Awaited<ReturnType<typeof approvedVendor>>;
let staff: string;
let buyer: string;

const ADD_STAFF = `mutation($input: AddVendorStaffInput!) { addVendorStaff(input: $input) { __typename } }`;

// Two approved vendors and a staff member's role reaching their token: more than the default hook timeout.
beforeAll(async () => {
  stack = await startStack();
  admin = await adminToken(stack);
  shop = await shopWithStock(stack, [{ priceMinor: 5000, stock: 50 }], { label: "vendor-settings-shop" });
  other = await approvedVendor(stack, "other-shop", { currency: "USD" });
  const colleague = await registerVerifiedUser(stack, "shop-staff");
  await post(
    gateway(),
    {
      query: ADD_STAFF,
      variables: { input: { vendorId: shop.vendor.vendorId, email: colleague.email, role: "VENDOR_STAFF" } },
    },
    shop.vendor.token,
  );
  staff = (await tokenWithVendorRole(stack, colleague.refreshToken, shop.vendor.vendorId, "VENDOR_STAFF")).token;
  buyer = (await registerVerifiedUser(stack, "coupon-buyer")).token;
  await execute(gateway(), AddToCartDocument, { input: { variantId: shop.variantIds[0]!, quantity: 1 } }, buyer);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const gateway = () => stack.gateway.url;
const code = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const methodsOf = async (vendorId: string) =>
  (await execute(gateway(), ShippingMethodsDocument, { vendorId })).data!.shippingMethods!;
const couponsOf = async (token: string, vendorId?: string) =>
  (await execute(gateway(), CouponsDocument, { vendorId }, token)).data!.coupons!;

describe("shipping methods", () => {
  const flat = (): CreateShippingMethodInput => ({
    vendorId: shop.vendor.vendorId,
    name: "Standard (3-5 days)",
    kind: "FLAT",
    priceMinor: 500,
    currency: "USD",
  });

  it("the vendor's admin creates, updates, deactivates and reactivates them; carts offer the active ones", async () => {
    const created = await execute(gateway(), CreateShippingMethodDocument, { input: flat() }, shop.vendor.token);
    expect(created.errors).toBeUndefined();
    const method = created.data!.createShippingMethod;
    expect(method).toMatchObject({
      vendor: { id: shop.vendor.vendorId },
      kind: "FLAT",
      price: { amountMinor: 500, currency: "USD" },
      bands: [],
      clinic: null,
      active: true,
    });
    const bands = [
      { upToGrams: 1000, priceMinor: 300 },
      { upToGrams: 5000, priceMinor: 900 },
    ];
    const banded = await execute(
      gateway(),
      CreateShippingMethodDocument,
      { input: { ...flat(), name: "By weight", kind: "WEIGHT_BANDS", priceMinor: null, bands } },
      admin,
    );
    expect(banded.data!.createShippingMethod.bands).toEqual([
      { upToGrams: 1000, price: { amountMinor: 300, currency: "USD" } },
      { upToGrams: 5000, price: { amountMinor: 900, currency: "USD" } },
    ]);
    const clinicId = randomUUID();
    const pickup = await execute(
      gateway(),
      CreateShippingMethodDocument,
      { input: { ...flat(), name: "Pickup", kind: "PICKUP", priceMinor: null, clinicId } },
      shop.vendor.token,
    );
    expect(pickup.data!.createShippingMethod).toMatchObject({ price: null, clinic: { id: clinicId } });
    const ids = [method.id, banded.data!.createShippingMethod.id, pickup.data!.createShippingMethod.id];
    expect((await methodsOf(shop.vendor.vendorId)).map((m) => m.id)).toEqual(ids);
    const offered = (await execute(gateway(), CartDocument, {}, buyer)).data!.cart!.vendors[0]!.shippingMethods;
    expect(offered.map((m) => m.id)).toEqual(ids);

    const updated = await execute(
      gateway(),
      UpdateShippingMethodDocument,
      { input: { id: method.id, name: "Express", priceMinor: 1500 } },
      shop.vendor.token,
    );
    expect(updated.data!.updateShippingMethod).toMatchObject({ name: "Express", price: { amountMinor: 1500 } });

    const off = await execute(gateway(), DeactivateShippingMethodDocument, { id: method.id }, shop.vendor.token);
    expect(off.data!.deactivateShippingMethod.active).toBe(false);
    expect((await methodsOf(shop.vendor.vendorId)).map((m) => m.id)).toEqual(ids.slice(1));
    const on = await execute(
      gateway(),
      UpdateShippingMethodDocument,
      { input: { id: method.id, active: true } },
      shop.vendor.token,
    );
    expect(on.data!.updateShippingMethod).toMatchObject({ active: true, name: "Express" });
    expect((await methodsOf(shop.vendor.vendorId)).map((m) => m.id)).toEqual(ids);
  });

  it("refuses other vendors and buyers (NOT_FOUND), the vendor's staff (FORBIDDEN), anonymous callers", async () => {
    const [method] = await methodsOf(shop.vendor.vendorId);
    const before = await methodsOf(shop.vendor.vendorId);
    for (const [token, code, field] of [
      [undefined, "UNAUTHENTICATED", undefined],
      [buyer, "NOT_FOUND", "input.vendorId"],
      [other.token, "NOT_FOUND", "input.vendorId"],
      [staff, "FORBIDDEN", undefined],
    ] as const) {
      const created = await execute(gateway(), CreateShippingMethodDocument, { input: flat() }, token);
      expect(onlyError(created).extensions).toMatchObject({ code, ...(field ? { field } : {}) });
      const updated = await execute(
        gateway(),
        UpdateShippingMethodDocument,
        { input: { id: method!.id, name: "X" } },
        token,
      );
      expect(onlyError(updated).extensions).toMatchObject({ code, ...(field ? { field: "input.id" } : {}) });
      const off = await execute(gateway(), DeactivateShippingMethodDocument, { id: method!.id }, token);
      expect(onlyError(off).extensions).toMatchObject({ code, ...(field ? { field: "id" } : {}) });
    }
    expect(await methodsOf(shop.vendor.vendorId)).toEqual(before);
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const before = await methodsOf(shop.vendor.vendorId);
    const band = (upToGrams: number) => ({ upToGrams, priceMinor: 100 });
    const weight = { kind: "WEIGHT_BANDS", priceMinor: null } as const;
    for (const [bad, field] of [
      [{ name: "  " }, "input.name"],
      [{ name: "x".repeat(81) }, "input.name"],
      [{ currency: "XYZ" }, "input.currency"],
      [{ priceMinor: null }, "input.priceMinor"],
      [{ priceMinor: -1 }, "input.priceMinor"],
      [{ bands: [band(100)] }, "input.bands"],
      [{ clinicId: randomUUID() }, "input.clinicId"],
      [{ ...weight }, "input.bands"],
      [{ ...weight, bands: [] }, "input.bands"],
      [{ ...weight, bands: Array.from({ length: 21 }, (_, i) => band(i + 1)) }, "input.bands"],
      [{ ...weight, bands: [band(500), band(500)] }, "input.bands.1.upToGrams"],
      [{ ...weight, bands: [band(0)] }, "input.bands.0.upToGrams"],
      [{ ...weight, bands: [{ upToGrams: 10, priceMinor: -1 }] }, "input.bands.0.priceMinor"],
      [{ kind: "PICKUP", priceMinor: null }, "input.clinicId"],
      [{ kind: "PICKUP", priceMinor: null, clinicId: "nope" }, "input.clinicId"],
    ] as const) {
      const refused = await execute(
        gateway(),
        CreateShippingMethodDocument,
        { input: { ...flat(), ...(bad as Partial<CreateShippingMethodInput>) } },
        shop.vendor.token,
      );
      expect({ bad, extensions: onlyError(refused).extensions }).toMatchObject({
        bad,
        extensions: { code: "BAD_USER_INPUT", field },
      });
    }
    const flatId = before.find((m) => m.kind === "FLAT")!.id;
    const bands = await execute(
      gateway(),
      UpdateShippingMethodDocument,
      { input: { id: flatId, bands: [band(100)] } },
      shop.vendor.token,
    );
    expect(onlyError(bands).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.bands" });
    expect(await methodsOf(shop.vendor.vendorId)).toEqual(before);
  });
});

describe("coupons", () => {
  const percent = (overrides: Partial<CreateCouponInput> = {}): CreateCouponInput => ({
    code: code("save10").toLowerCase(),
    kind: "PERCENTAGE",
    percentBps: 1000,
    vendorId: shop.vendor.vendorId,
    ...overrides,
  });
  const created = async (input: CreateCouponInput, token: string) => {
    const answer = (await execute(gateway(), CreateCouponDocument, { input }, token)).data!.createCoupon;
    if (answer.__typename !== "Coupon") throw new Error(`createCoupon: ${JSON.stringify(answer)}`);
    return answer;
  };

  it("a vendor's coupon, created by its admin, takes its share off the cart when applied", async () => {
    const input = percent();
    const coupon = await created(input, shop.vendor.token);
    expect(coupon).toMatchObject({
      code: input.code.toUpperCase(),
      kind: "PERCENTAGE",
      percentBps: 1000,
      vendor: { id: shop.vendor.vendorId },
      timesUsed: 0,
      active: true,
      exclusive: false,
    });
    expect((await couponsOf(shop.vendor.token, shop.vendor.vendorId)).map((c) => c.id)).toContain(coupon.id);

    const applied = await execute(gateway(), ApplyCouponDocument, { code: input.code }, buyer);
    expect(applied.data!.applyCoupon.cart.coupons).toEqual([
      {
        code: coupon.code,
        applied: true,
        discount: { amountMinor: 500, currency: "USD" },
        reason: null,
        message: null,
      },
    ]);

    const taken = await execute(gateway(), CreateCouponDocument, { input: percent({ code: coupon.code }) }, admin);
    expect(taken.data!.createCoupon).toEqual({
      __typename: "CouponCodeTakenError",
      code: coupon.code,
      message: expect.stringContaining(coupon.code),
    });

    const off = await execute(gateway(), DeactivateCouponDocument, { id: coupon.id }, shop.vendor.token);
    expect(off.data!.deactivateCoupon.active).toBe(false);
    const cart = (await execute(gateway(), CartDocument, {}, buyer)).data!.cart!;
    expect(cart.coupons[0]).toMatchObject({ code: coupon.code, applied: false, reason: "INACTIVE" });
  });

  it("one that has ended is shown EXPIRED on the cart", async () => {
    const input = percent({ endsAt: new Date(Date.now() + 2_000).toISOString() });
    const coupon = await created(input, shop.vendor.token);
    const applied = await execute(gateway(), ApplyCouponDocument, { code: coupon.code }, buyer);
    expect(applied.data!.applyCoupon.cart.coupons.find((c) => c.code === coupon.code)).toMatchObject({ applied: true });
    await new Promise((resolve) => setTimeout(resolve, Date.parse(coupon.endsAt!) - Date.now() + 100));
    const cart = (await execute(gateway(), CartDocument, {}, buyer)).data!.cart!;
    expect(cart.coupons.find((c) => c.code === coupon.code)).toMatchObject({
      applied: false,
      reason: "EXPIRED",
      discount: { amountMinor: 0 },
    });
  });

  it("platform admins create platform-wide and any vendor's coupons and see them all; vendors see their own", async () => {
    const platform = await created(
      { code: code("WELCOME"), kind: "FIXED", amount: { amountMinor: 500, currency: "usd" } },
      admin,
    );
    expect(platform).toMatchObject({ vendor: null, amount: { amountMinor: 500, currency: "USD" } });
    const forOther = await created(
      percent({ vendorId: other.vendorId, kind: "FREE_SHIPPING", percentBps: null }),
      admin,
    );
    const all = (await couponsOf(admin)).map((c) => c.id);
    expect(all).toEqual(expect.arrayContaining([platform.id, forOther.id]));
    expect((await couponsOf(admin, other.vendorId)).map((c) => c.id)).toEqual([forOther.id]);
    expect((await couponsOf(other.token)).map((c) => c.id)).toEqual([forOther.id]);
    const mine = await couponsOf(shop.vendor.token);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.vendor?.id === shop.vendor.vendorId)).toBe(true);
  });

  it("refuses other vendors and buyers (NOT_FOUND), the vendor's staff and platform-wide ones to vendors (FORBIDDEN)", async () => {
    const coupon = await created(percent(), shop.vendor.token);
    const before = await couponsOf(admin);
    for (const [token, code, field] of [
      [undefined, "UNAUTHENTICATED", undefined],
      [buyer, "NOT_FOUND", "input.vendorId"],
      [other.token, "NOT_FOUND", "input.vendorId"],
      [staff, "FORBIDDEN", undefined],
    ] as const) {
      const refused = await execute(gateway(), CreateCouponDocument, { input: percent() }, token);
      expect(onlyError(refused).extensions).toMatchObject({ code, ...(field ? { field } : {}) });
      const off = await execute(gateway(), DeactivateCouponDocument, { id: coupon.id }, token);
      expect(onlyError(off).extensions).toMatchObject({ code, ...(field ? { field: "id" } : {}) });
      const list = await execute(gateway(), CouponsDocument, { vendorId: shop.vendor.vendorId }, token);
      expect(onlyError(list).extensions).toMatchObject({ code, ...(field ? { field: "vendorId" } : {}) });
    }
    const platformWide = await execute(
      gateway(),
      CreateCouponDocument,
      { input: percent({ vendorId: null }) },
      shop.vendor.token,
    );
    expect(onlyError(platformWide).extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(await couponsOf(buyer)).toEqual([]);
    expect(await couponsOf(admin)).toEqual(before);
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const before = await couponsOf(admin);
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    for (const [bad, field] of [
      [{ code: "ab" }, "input.code"],
      [{ code: "no spaces" }, "input.code"],
      [{ code: "x".repeat(33) }, "input.code"],
      [{ percentBps: null }, "input.percentBps"],
      [{ percentBps: 0 }, "input.percentBps"],
      [{ percentBps: 10_001 }, "input.percentBps"],
      [{ amount: { amountMinor: 100, currency: "USD" } }, "input.amount"],
      [{ kind: "FIXED", percentBps: null }, "input.amount"],
      [{ kind: "FIXED", percentBps: null, amount: { amountMinor: 0, currency: "USD" } }, "input.amount.amountMinor"],
      [{ kind: "FIXED", percentBps: null, amount: { amountMinor: 100, currency: "XYZ" } }, "input.amount.currency"],
      [{ kind: "FREE_SHIPPING" }, "input.percentBps"],
      [{ endsAt: new Date(Date.now() - 60_000).toISOString() }, "input.endsAt"],
      [{ startsAt: soon, endsAt: soon }, "input.endsAt"],
      [{ usageLimit: 0 }, "input.usageLimit"],
      [{ perCustomerLimit: -1 }, "input.perCustomerLimit"],
      [{ minimumSubtotalMinor: -1 }, "input.minimumSubtotalMinor"],
    ] as const) {
      const refused = await execute(gateway(), CreateCouponDocument, { input: percent(bad) }, shop.vendor.token);
      expect({ bad, extensions: onlyError(refused).extensions }).toMatchObject({
        bad,
        extensions: { code: "BAD_USER_INPUT", field },
      });
    }
    expect(await couponsOf(admin)).toEqual(before);
  });
});
