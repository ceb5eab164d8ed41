// The cart through the gateway: guests by token, buyers by account, the merge at sign-in, live prices,
// free-shipping progress, and lines that became unavailable flagged rather than dropped.
import {
  AddToCartDocument,
  CartDocument,
  RemoveCartLineDocument,
  SetShippingAddressDocument,
  UpdateCartLineDocument,
} from "../clients/__generated__/graphql";
import { sql } from "./catalog-fixtures";
import { registerVerifiedUser } from "./fixtures";
import { execute, onlyError, startStack, type Stack } from "./harness";
import { cartHeaders, flatShipping, shopWithStock, US_ADDRESS } from "./orders-fixtures";

let stack: Stack;
let shop: Awaited<ReturnType<typeof shopWithStock>>;

beforeAll(async () => {
  stack = await startStack();
  shop = await shopWithStock(stack, [
    { priceMinor: 2500, stock: 50 },
    { priceMinor: 9999, stock: 50 },
  ]);
  await flatShipping(stack, shop.vendor, 799);
});

afterAll(async () => {
  await stack?.stop();
});

const gateway = () => stack.gateway.url;

describe("guest cart", () => {
  it("is created by the first add, with a token returned once; the token names it afterwards", async () => {
    const added = await execute(gateway(), AddToCartDocument, {
      input: { variantId: shop.variantIds[0]!, quantity: 2 },
    });
    expect(added.errors).toBeUndefined();
    const token = added.data!.addToCart.cartToken!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(added.data!.addToCart.cart).toMatchObject({
      currency: "USD",
      itemCount: 2,
      subtotal: { amountMinor: 5000, currency: "USD" },
      freeShipping: { threshold: { amountMinor: 20000 }, remaining: { amountMinor: 15000 }, reached: false },
    });

    const again = await execute(
      gateway(),
      AddToCartDocument,
      { input: { variantId: shop.variantIds[0]!, quantity: 1 } },
      undefined,
      cartHeaders(token),
    );
    expect(again.data!.addToCart.cartToken).toBeNull();
    expect(again.data!.addToCart.cart.lines).toHaveLength(1);
    expect(again.data!.addToCart.cart.lines[0]!.quantity).toBe(3);

    const read = await execute(gateway(), CartDocument, {}, undefined, cartHeaders(token));
    expect(read.data!.cart!.id).toBe(added.data!.addToCart.cart.id);
  });

  it("answers NOT_FOUND for a token that names no cart, and null without one", async () => {
    const unknown = await execute(gateway(), CartDocument, {}, undefined, cartHeaders("x".repeat(43)));
    expect(onlyError(unknown).extensions).toMatchObject({ code: "NOT_FOUND" });
    const none = await execute(gateway(), CartDocument, {});
    expect(none.data!.cart).toBeNull();
  });

  it("is merged into the buyer's cart when they sign in and send the token; the token is then spent", async () => {
    const buyer = await registerVerifiedUser(stack, "merge-buyer");
    await execute(
      gateway(),
      AddToCartDocument,
      { input: { variantId: shop.variantIds[1]!, quantity: 1 } },
      buyer.token,
    );
    const guest = await execute(gateway(), AddToCartDocument, {
      input: { variantId: shop.variantIds[0]!, quantity: 2 },
    });
    const token = guest.data!.addToCart.cartToken!;
    await execute(
      gateway(),
      AddToCartDocument,
      { input: { variantId: shop.variantIds[1]!, quantity: 1 } },
      undefined,
      cartHeaders(token),
    );

    const merged = await execute(gateway(), CartDocument, {}, buyer.token, cartHeaders(token));
    expect(merged.errors).toBeUndefined();
    const quantities = Object.fromEntries(merged.data!.cart!.lines.map((l) => [l.variant!.id, l.quantity]));
    expect(quantities).toEqual({ [shop.variantIds[0]!]: 2, [shop.variantIds[1]!]: 2 });

    // The guest cart is gone for guests; the buyer may keep sending the spent token.
    const spent = await execute(gateway(), CartDocument, {}, undefined, cartHeaders(token));
    expect(onlyError(spent).extensions).toMatchObject({ code: "NOT_FOUND" });
    const stillFine = await execute(gateway(), CartDocument, {}, buyer.token, cartHeaders(token));
    expect(stillFine.data!.cart!.itemCount).toBe(4);

    // Another buyer sending it gets NOT_FOUND: the token was this buyer's cart.
    const other = await registerVerifiedUser(stack, "other-buyer");
    const stolen = await execute(gateway(), CartDocument, {}, other.token, cartHeaders(token));
    expect(onlyError(stolen).extensions).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("signed-in cart", () => {
  it("prices lines, shipping and free shipping at the threshold with the address set", async () => {
    const buyer = await registerVerifiedUser(stack, "threshold-buyer");
    await execute(
      gateway(),
      AddToCartDocument,
      { input: { variantId: shop.variantIds[1]!, quantity: 2 } },
      buyer.token,
    );
    const addressed = await execute(gateway(), SetShippingAddressDocument, { input: US_ADDRESS }, buyer.token);
    const cart = addressed.data!.setShippingAddress.cart;
    expect(cart.problems).toEqual([]);
    // 2 × 99.99 = 199.98: 2 cents short of free shipping; Texas STANDARD is 6.25 % in the starting tax table.
    expect(cart.subtotal!.amountMinor).toBe(19998);
    expect(cart.freeShipping).toMatchObject({ remaining: { amountMinor: 2 }, reached: false });
    expect(cart.shipping!.amountMinor).toBe(799);
    expect(cart.tax!.amountMinor).toBe(Math.round(19998 * 0.0625));
    expect(cart.total!.amountMinor).toBe(19998 + 799 + Math.round(19998 * 0.0625));

    const line = cart.lines[0]!;
    const more = await execute(
      gateway(),
      AddToCartDocument,
      { input: { variantId: shop.variantIds[0]!, quantity: 1 } },
      buyer.token,
    );
    expect(more.data!.addToCart.cart.freeShipping!.reached).toBe(true);
    expect(more.data!.addToCart.cart.shipping!.amountMinor).toBe(0);

    const updated = await execute(
      gateway(),
      UpdateCartLineDocument,
      { input: { lineId: line.id, quantity: 1 } },
      buyer.token,
    );
    expect(updated.data!.updateCartLine.cart.subtotal!.amountMinor).toBe(9999 + 2500);
  });

  it("flags a line whose product left the shop instead of dropping it", async () => {
    const buyer = await registerVerifiedUser(stack, "flag-buyer");
    const extra = await shopWithStock(stack, [{ priceMinor: 1200, stock: 5 }], { label: "flag-shop" });
    await execute(
      gateway(),
      AddToCartDocument,
      { input: { variantId: extra.variantIds[0]!, quantity: 1 } },
      buyer.token,
    );
    await sql(stack, `UPDATE catalog.variants SET active = false WHERE id = $1`, [extra.variantIds[0]]);
    const read = await execute(gateway(), CartDocument, {}, buyer.token);
    const line = read.data!.cart!.lines[0]!;
    expect(line).toMatchObject({ available: false, problem: { code: "UNAVAILABLE" } });
    expect(read.data!.cart!.problems.map((p) => p.code)).toContain("UNAVAILABLE");

    const removed = await execute(gateway(), RemoveCartLineDocument, { lineId: line.id }, buyer.token);
    expect(removed.data!.removeCartLine.cart.lines).toEqual([]);
    expect(removed.data!.removeCartLine.cart.currency).toBeNull();
  });

  it("refuses bad input with the field at fault and writes nothing", async () => {
    const buyer = await registerVerifiedUser(stack, "bad-input-buyer");
    const zero = await execute(
      gateway(),
      AddToCartDocument,
      { input: { variantId: shop.variantIds[0]!, quantity: 0 } },
      buyer.token,
    );
    expect(onlyError(zero).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.quantity" });
    const unknown = await execute(
      gateway(),
      AddToCartDocument,
      { input: { variantId: "not-an-id", quantity: 1 } },
      buyer.token,
    );
    expect(onlyError(unknown).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.variantId" });
    const country = await execute(
      gateway(),
      SetShippingAddressDocument,
      { input: { ...US_ADDRESS, country: "XX" } },
      buyer.token,
    );
    expect(onlyError(country).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.country" });
    const none = await execute(gateway(), CartDocument, {}, buyer.token);
    expect(none.data!.cart?.lines ?? []).toEqual([]);
  });
});
