// The marketplace's settings through the gateway: platform admins set tax rates, currency settings
// and commission rules; carts are priced with them at once; everyone else is refused, and bad input
// names its field and writes nothing. On a database of its own: these settings are platform-wide.
import { randomUUID } from "node:crypto";
import {
  AddToCartDocument,
  CartDocument,
  CommissionRulesDocument,
  CurrencySettingsDocument,
  RemoveCommissionRuleDocument,
  RemoveTaxRateDocument,
  SetCommissionRuleDocument,
  SetCurrencySettingsDocument,
  SetShippingAddressDocument,
  SetTaxRateDocument,
  TaxRatesDocument,
  type SetCommissionRuleInput,
} from "../clients/__generated__/graphql";
import { adminToken, execute, onlyError, registerVerifiedUser, startStack, type Stack } from "./harness";
import { flatShipping, shopWithStock, US_ADDRESS } from "./orders-fixtures";

let stack: Stack;
let admin: string;
let buyer: string;
let shop: Awaited<ReturnType<typeof shopWithStock>>;

// The stack, a shop with stock and a buyer's cart: more than the default hook timeout on a busy machine.
beforeAll(async () => {
  stack = await startStack({ ownDatabase: true });
  admin = await adminToken(stack);
  shop = await shopWithStock(stack, [{ priceMinor: 5000, stock: 50 }], { label: "settings-shop" });
  await flatShipping(stack, shop.vendor, 500);
  buyer = (await registerVerifiedUser(stack, "settings-buyer")).token;
  await execute(gateway(), AddToCartDocument, { input: { variantId: shop.variantIds[0]!, quantity: 1 } }, buyer);
  await execute(gateway(), SetShippingAddressDocument, { input: US_ADDRESS }, buyer);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const gateway = () => stack.gateway.url;
const cart = async () => (await execute(gateway(), CartDocument, {}, buyer)).data!.cart!;
const usRates = async () => (await execute(gateway(), TaxRatesDocument, { country: "US" }, admin)).data!.taxRates!;

describe("tax rates", () => {
  it("an admin's rate replaces the one of its country, region and category, and the cart's tax follows", async () => {
    // Texas STANDARD is 6.25 % in the starting table; US shipping is untaxed.
    expect((await cart()).tax).toEqual({ amountMinor: 313, currency: "USD" });
    const before = (await usRates()).find((r) => r.region === "TX" && r.taxCategory === "STANDARD")!;

    const set = await execute(
      gateway(),
      SetTaxRateDocument,
      { input: { country: "us", region: "TX", taxCategory: "STANDARD", rateBps: 1000 } },
      admin,
    );
    expect(set.errors).toBeUndefined();
    expect(set.data!.setTaxRate).toEqual({ ...before, rateBps: 1000 });
    expect((await cart()).tax).toEqual({ amountMinor: 500, currency: "USD" });

    const added = await execute(
      gateway(),
      SetTaxRateDocument,
      { input: { country: "US", region: "WA", taxCategory: "REDUCED", rateBps: 0 } },
      admin,
    );
    const id = added.data!.setTaxRate.id;
    expect((await usRates()).map((r) => r.id)).toContain(id);
    const removed = await execute(gateway(), RemoveTaxRateDocument, { id }, admin);
    expect(removed.data!.removeTaxRate).toEqual(added.data!.setTaxRate);
    expect((await usRates()).map((r) => r.id)).not.toContain(id);
    const again = await execute(gateway(), RemoveTaxRateDocument, { id }, admin);
    expect(onlyError(again).extensions).toMatchObject({ code: "NOT_FOUND", field: "id" });
  });

  it("refuses everyone but platform admins", async () => {
    const input = { country: "US", region: "TX", taxCategory: "STANDARD", rateBps: 0 };
    const rateId = (await usRates())[0]!.id;
    for (const [token, code] of [
      [undefined, "UNAUTHENTICATED"],
      [buyer, "FORBIDDEN"],
      [shop.vendor.token, "FORBIDDEN"],
    ] as const) {
      const set = await execute(gateway(), SetTaxRateDocument, { input }, token);
      expect(onlyError(set).extensions).toMatchObject({ code });
      const removed = await execute(gateway(), RemoveTaxRateDocument, { id: rateId }, token);
      expect(onlyError(removed).extensions).toMatchObject({ code });
      const read = await execute(gateway(), TaxRatesDocument, {}, token);
      expect(onlyError(read).extensions).toMatchObject({ code });
    }
    expect((await cart()).tax!.amountMinor).toBe(500);
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const before = await usRates();
    const valid = { country: "US", region: "TX", taxCategory: "STANDARD", rateBps: 700 };
    for (const [bad, field] of [
      [{ rateBps: 10_001 }, "input.rateBps"],
      [{ rateBps: -1 }, "input.rateBps"],
      [{ country: "XX" }, "input.country"],
      [{ region: "ABCD" }, "input.region"],
      [{ taxCategory: "standard" }, "input.taxCategory"],
      [{ taxCategory: "" }, "input.taxCategory"],
    ] as const) {
      const refused = await execute(gateway(), SetTaxRateDocument, { input: { ...valid, ...bad } }, admin);
      expect({ bad, extensions: onlyError(refused).extensions }).toMatchObject({
        bad,
        extensions: { code: "BAD_USER_INPUT", field },
      });
    }
    const country = await execute(gateway(), TaxRatesDocument, { country: "Narnia" }, admin);
    expect(onlyError(country).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "country" });
    expect(await usRates()).toEqual(before);
  });
});

describe("currency settings", () => {
  it("are public, and an admin's threshold changes the cart's free shipping at once", async () => {
    const listed = await execute(gateway(), CurrencySettingsDocument, {});
    expect(listed.data!.currencySettings).toContainEqual({
      currency: "USD",
      pricesIncludeTax: false,
      freeShippingThreshold: { amountMinor: 20000, currency: "USD" },
    });
    expect((await cart()).freeShipping).toMatchObject({ reached: false, remaining: { amountMinor: 15000 } });

    const lowered = await execute(
      gateway(),
      SetCurrencySettingsDocument,
      { input: { currency: "USD", pricesIncludeTax: false, freeShippingThresholdMinor: 4000 } },
      admin,
    );
    expect(lowered.data!.setCurrencySettings.freeShippingThreshold).toEqual({ amountMinor: 4000, currency: "USD" });
    const free = await cart();
    expect(free.freeShipping).toMatchObject({ reached: true, remaining: { amountMinor: 0 } });
    expect(free.shipping!.amountMinor).toBe(0);

    await execute(
      gateway(),
      SetCurrencySettingsDocument,
      { input: { currency: "USD", pricesIncludeTax: false, freeShippingThresholdMinor: null } },
      admin,
    );
    const never = await cart();
    expect(never.freeShipping).toBeNull();
    expect(never.shipping!.amountMinor).toBe(500);

    const added = await execute(
      gateway(),
      SetCurrencySettingsDocument,
      { input: { currency: "chf", pricesIncludeTax: true, freeShippingThresholdMinor: 10000 } },
      admin,
    );
    expect(added.data!.setCurrencySettings).toEqual({
      currency: "CHF",
      pricesIncludeTax: true,
      freeShippingThreshold: { amountMinor: 10000, currency: "CHF" },
    });
  });

  it("refuses non-admins and bad input, writing nothing", async () => {
    const before = (await execute(gateway(), CurrencySettingsDocument, {})).data!.currencySettings;
    const input = { currency: "USD", pricesIncludeTax: true, freeShippingThresholdMinor: 1 };
    for (const [token, code] of [
      [undefined, "UNAUTHENTICATED"],
      [buyer, "FORBIDDEN"],
      [shop.vendor.token, "FORBIDDEN"],
    ] as const) {
      const refused = await execute(gateway(), SetCurrencySettingsDocument, { input }, token);
      expect(onlyError(refused).extensions).toMatchObject({ code });
    }
    for (const [bad, field] of [
      [{ currency: "XYZ" }, "input.currency"],
      [{ freeShippingThresholdMinor: -1 }, "input.freeShippingThresholdMinor"],
    ] as const) {
      const refused = await execute(gateway(), SetCurrencySettingsDocument, { input: { ...input, ...bad } }, admin);
      expect(onlyError(refused).extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect((await execute(gateway(), CurrencySettingsDocument, {})).data!.currencySettings).toEqual(before);
  });
});

describe("commission rules", () => {
  const rules = async () => (await execute(gateway(), CommissionRulesDocument, {}, admin)).data!.commissionRules!;

  it("an admin sets a rule per scope and target (replacing it), lists and removes it", async () => {
    const targetId = shop.vendor.vendorId;
    const percentage = await execute(
      gateway(),
      SetCommissionRuleDocument,
      { input: { scope: "VENDOR", targetId, kind: "PERCENTAGE", rateBps: 1500 } },
      admin,
    );
    expect(percentage.data!.setCommissionRule).toMatchObject({
      targetId,
      kind: "PERCENTAGE",
      rateBps: 1500,
      fixed: null,
    });
    const fixed = await execute(
      gateway(),
      SetCommissionRuleDocument,
      { input: { scope: "VENDOR", targetId, kind: "FIXED", fixedMinor: 100, minimumMinor: 50, currency: "USD" } },
      admin,
    );
    expect(fixed.data!.setCommissionRule).toEqual({
      id: percentage.data!.setCommissionRule.id,
      scope: "VENDOR",
      targetId,
      kind: "FIXED",
      rateBps: null,
      fixed: { amountMinor: 100, currency: "USD" },
      minimum: { amountMinor: 50, currency: "USD" },
    });
    expect(await rules()).toEqual([fixed.data!.setCommissionRule]);

    const removed = await execute(
      gateway(),
      RemoveCommissionRuleDocument,
      { id: fixed.data!.setCommissionRule.id },
      admin,
    );
    expect(removed.data!.removeCommissionRule.id).toBe(fixed.data!.setCommissionRule.id);
    expect(await rules()).toEqual([]);
    const again = await execute(
      gateway(),
      RemoveCommissionRuleDocument,
      { id: fixed.data!.setCommissionRule.id },
      admin,
    );
    expect(onlyError(again).extensions).toMatchObject({ code: "NOT_FOUND", field: "id" });
  });

  it("refuses non-admins, and input the rule's kind does not allow, naming the field and writing nothing", async () => {
    const targetId = randomUUID();
    const valid: SetCommissionRuleInput = { scope: "PRODUCT", targetId, kind: "PERCENTAGE", rateBps: 1000 };
    for (const [token, code] of [
      [undefined, "UNAUTHENTICATED"],
      [buyer, "FORBIDDEN"],
      [shop.vendor.token, "FORBIDDEN"],
    ] as const) {
      const refused = await execute(gateway(), SetCommissionRuleDocument, { input: valid }, token);
      expect(onlyError(refused).extensions).toMatchObject({ code });
      const read = await execute(gateway(), CommissionRulesDocument, {}, token);
      expect(onlyError(read).extensions).toMatchObject({ code });
    }
    for (const [bad, field] of [
      [{ rateBps: null }, "input.rateBps"],
      [{ rateBps: 10_001 }, "input.rateBps"],
      [{ fixedMinor: 5 }, "input.fixedMinor"],
      [{ kind: "FIXED", rateBps: null }, "input.fixedMinor"],
      [{ kind: "FIXED", rateBps: null, fixedMinor: 5 }, "input.currency"],
      [{ kind: "FIXED", rateBps: 100, fixedMinor: 5, currency: "USD" }, "input.rateBps"],
      [{ kind: "FIXED", rateBps: null, fixedMinor: -5, currency: "USD" }, "input.fixedMinor"],
      [{ minimumMinor: 10 }, "input.currency"],
      [{ minimumMinor: 10, currency: "XYZ" }, "input.currency"],
      [{ targetId: "not-an-id" }, "input.targetId"],
    ] as const) {
      const refused = await execute(gateway(), SetCommissionRuleDocument, { input: { ...valid, ...bad } }, admin);
      expect({ bad, extensions: onlyError(refused).extensions }).toMatchObject({
        bad,
        extensions: { code: "BAD_USER_INPUT", field },
      });
    }
    expect(await rules()).toEqual([]);
  });
});
