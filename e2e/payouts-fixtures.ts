import { StripePaymentProvider } from "@pawgraph/orders";
import {
  AddToCartDocument,
  FinalizePaymentDocument,
  MarkShippedDocument,
  PlaceOrderDocument,
  SetShippingAddressDocument,
  StartCheckoutDocument,
  StartPayoutOnboardingDocument,
  VendorPayoutAccountDocument,
} from "../clients/__generated__/graphql";
import type { StripeStandIn } from "../subgraphs/orders/test/stripe-stand-in";
import { registerVerifiedUser } from "./fixtures";
import { eventually, execute, startStack, type Stack } from "./harness";
import { flatShipping, shopWithStock, US_ADDRESS } from "./orders-fixtures";

/*
 * Payout fixtures: a stack whose orders pay by Stripe (the stand-in) and pay vendors by Stripe Connect,
 * shops with or without a connected account, and paid orders shipped in full through the gateway.
 */

export const WEBHOOK_SECRET = "whsec_test_payouts";
/** The Connect endpoint's own signing secret (connected accounts' events). */
export const CONNECT_WEBHOOK_SECRET = "whsec_test_payouts_connect";
export const RETURN_URL = "https://app.pawgraph.test/vendor/payouts?onboarding=done";
export const REFRESH_URL = "https://app.pawgraph.test/vendor/payouts?onboarding=refresh";

export async function payoutStack(stripe: StripeStandIn): Promise<Stack> {
  await stripe.start();
  return startStack({
    orders: {
      payments: () => new StripePaymentProvider(stripe.settings(WEBHOOK_SECRET)),
      webhooks: { pollMs: 200, maxBackoffMs: 1_000 },
      payouts: {
        stripeConnect: true,
        returnUrl: RETURN_URL,
        refreshUrl: REFRESH_URL,
        pollMs: 200,
        maxBackoffMs: 500,
        maxAttempts: 3,
        connectWebhookSecret: CONNECT_WEBHOOK_SECRET,
      },
    },
  });
}

/** Delivers a Stripe event to the gateway's webhook endpoint, signed as Stripe would. */
export async function deliver(
  stack: Stack,
  stripe: StripeStandIn,
  event: Record<string, unknown>,
  secret = WEBHOOK_SECRET,
): Promise<number> {
  const payload = JSON.stringify(event);
  const response = await fetch(new URL("/webhooks/stripe", stack.gateway.url), {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": stripe.signedHeader(payload, secret) },
    body: payload,
  });
  return response.status;
}

export type Shop = Awaited<ReturnType<typeof shopWithStock>>;

/** A USD shop selling one variant at `priceMinor` with FLAT shipping of `shippingMinor`. */
export async function payoutShop(stack: Stack, label: string, priceMinor = 5000, shippingMinor = 500): Promise<Shop> {
  const shop = await shopWithStock(stack, [{ priceMinor, stock: 500 }], { label });
  await flatShipping(stack, shop.vendor, shippingMinor);
  return shop;
}

/** Connects the shop's Stripe account through the gateway and has Stripe enable payouts (account.updated). */
export async function connectShop(stack: Stack, stripe: StripeStandIn, shop: Shop): Promise<string> {
  const started = await execute(
    stack.gateway.url,
    StartPayoutOnboardingDocument,
    { input: { vendorId: shop.vendor.vendorId } },
    shop.vendor.token,
  );
  const accountId = started.data!.startPayoutOnboarding.account.stripeAccountId!;
  const account = stripe.connect.updateAccount(accountId, { payoutsEnabled: true });
  expect(await deliver(stack, stripe, stripe.eventFor("account.updated", account))).toBe(200);
  await eventually(
    () =>
      execute(stack.gateway.url, VendorPayoutAccountDocument, { vendorId: shop.vendor.vendorId }, shop.vendor.token),
    (read) => read.data?.vendorPayoutAccount?.payoutsEnabled === true,
  );
  return accountId;
}

/** A buyer's order of `quantity` units from `shop`, paid through Stripe (the stand-in's charge succeeded). */
export async function paidOrder(stack: Stack, stripe: StripeStandIn, shop: Shop, label: string, quantity = 2) {
  const gateway = stack.gateway.url;
  const buyer = await registerVerifiedUser(stack, label);
  await execute(gateway, AddToCartDocument, { input: { variantId: shop.variantIds[0]!, quantity } }, buyer.token);
  await execute(gateway, SetShippingAddressDocument, { input: US_ADDRESS }, buyer.token);
  const started = await execute(gateway, StartCheckoutDocument, {}, buyer.token);
  expect(started.data!.startCheckout.__typename).toBe("CheckoutStarted");
  const placed = await execute(gateway, PlaceOrderDocument, {}, buyer.token);
  const result = placed.data!.placeOrder;
  if (result.__typename !== "OrderPlaced") throw new Error(JSON.stringify(placed));
  const intent = [...stripe.paymentIntents.values()].find((pi) => pi.metadata.orderId === result.order.id)!;
  stripe.succeed(intent.id);
  const finalized = await execute(gateway, FinalizePaymentDocument, { paymentIntentId: intent.id }, buyer.token);
  expect(finalized.data!.finalizePayment).toMatchObject({ status: "PAID" });
  const vendorOrder = result.order.vendorOrders[0]!;
  return { buyer, order: result.order, vendorOrder, intentId: intent.id, lineId: vendorOrder.lines[0]!.id };
}

/** The vendor's people ship every unit of the vendor order in one parcel. */
export async function shipAll(
  stack: Stack,
  shop: Shop,
  vendorOrder: { id: string; lines: { id: string; quantity: number }[] },
) {
  const shipped = await execute(
    stack.gateway.url,
    MarkShippedDocument,
    {
      input: {
        vendorOrderId: vendorOrder.id,
        carrier: "UPS",
        trackingNumber: `1Z${Date.now()}`,
        lines: vendorOrder.lines.map((l) => ({ orderLineId: l.id, quantity: l.quantity })),
      },
    },
    shop.vendor.token,
  );
  expect(shipped.data?.markShipped.status).toBe("SHIPPED");
  return shipped.data!.markShipped;
}
