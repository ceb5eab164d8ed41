import { m, q, v, type SweepCase } from "./authorization-sweep.case";

const coupon = () => ({ code: `B-${Math.random().toString(36).slice(2, 8)}`, kind: "PERCENTAGE", percentBps: 500 });
const flat = { name: "B's method", kind: "FLAT", priceMinor: 100, currency: "EUR" };
const parcel = { carrier: "DHL", trackingNumber: "B-1" };
const refund = { includeShipping: false, reason: "Mine now", restock: false };
const CART = "cart { id }";
const COUPON = "... on Coupon { code }";

/**
 * The orders subgraph's rows of the authorization sweep (e2e/authorization-sweep.e2e.test.ts): carts,
 * the settings of vendors and of the platform, orders, their fulfilment, refunds and live updates.
 */
const planInput = (f: { b: Record<string, string> }) => ({
  petId: f.b.petId,
  lines: [{ variantId: f.b.orderableVariantId, quantity: 1 }],
  interval: { unit: "MONTH", count: 1 },
  shippingAddress: { name: "B", line1: "Hauptstraße 2", city: "Berlin", postalCode: "10115", country: "DE" },
});
const planId = (field: string) =>
  m(field, "CarePlanIdInput", (f) => ({ carePlanId: f.a.carePlanId }), "NOT_FOUND", "__typename");

/** Care plans: only their owner sees or changes one; A's pet, cart line, draft variant and plan are not B's to name. */
const CARE_PLAN_CASES: Record<string, SweepCase> = {
  "Query.carePlan id": q(`query($id: ID!) { carePlan(id: $id) { id } }`, (f) => ({ id: f.a.carePlanId })),
  "Mutation.createCarePlan input.petId": m("createCarePlan", "CreateCarePlanInput", (f) => ({
    ...planInput(f),
    petId: f.a.petId,
  })),
  "Mutation.createCarePlan input.cartLineIds": m("createCarePlan", "CreateCarePlanInput", (f) => ({
    ...planInput(f),
    lines: null,
    cartLineIds: [f.a.cartLineId],
  })),
  "Mutation.createCarePlan input.lines.variantId": m("createCarePlan", "CreateCarePlanInput", (f) => ({
    ...planInput(f),
    lines: [{ variantId: f.a.variantId, quantity: 1 }],
  })),
  "Mutation.createCarePlan input.shippingMethods.vendorId": m("createCarePlan", "CreateCarePlanInput", (f) => ({
    ...planInput(f),
    shippingMethods: [{ vendorId: f.a.shopId, shippingMethodId: f.a.shippingMethodId }],
  })),
  "Mutation.createCarePlan input.shippingMethods.shippingMethodId": m("createCarePlan", "CreateCarePlanInput", (f) => ({
    ...planInput(f),
    shippingMethods: [{ vendorId: f.b.shopId, shippingMethodId: f.a.shippingMethodId }],
  })),
  "Mutation.pauseCarePlan input.carePlanId": planId("pauseCarePlan"),
  "Mutation.resumeCarePlan input.carePlanId": planId("resumeCarePlan"),
  "Mutation.skipNextCarePlanRun input.carePlanId": planId("skipNextCarePlanRun"),
  "Mutation.cancelCarePlan input.carePlanId": planId("cancelCarePlan"),
  "Mutation.updateCarePlan input.carePlanId": m("updateCarePlan", "UpdateCarePlanInput", (f) => ({
    carePlanId: f.a.carePlanId,
    quantities: [{ variantId: f.b.orderableVariantId, quantity: 2 }],
  })),
  "Mutation.updateCarePlan input.quantities.variantId": m("updateCarePlan", "UpdateCarePlanInput", (f) => ({
    carePlanId: f.b.carePlanId,
    quantities: [{ variantId: f.a.variantId, quantity: 2 }],
  })),
};

export const ORDERS_CASES: Record<string, SweepCase> = {
  ...CARE_PLAN_CASES,
  // orders: carts (B's own cart; A's draft variant, A's pet and A's cart line are not B's to name)
  "Mutation.addToCart input.variantId": m(
    "addToCart",
    "AddToCartInput",
    (f) => ({ variantId: f.a.variantId, quantity: 1 }),
    "NOT_FOUND",
    CART,
  ),
  "Mutation.addToCart input.petId": m(
    "addToCart",
    "AddToCartInput",
    (f) => ({ variantId: f.b.orderableVariantId, quantity: 1, petId: f.a.petId }),
    "NOT_FOUND",
    CART,
  ),
  "Mutation.updateCartLine input.lineId": m(
    "updateCartLine",
    "UpdateCartLineInput",
    (f) => ({ lineId: f.a.cartLineId, quantity: 5 }),
    "NOT_FOUND",
    CART,
  ),
  "Mutation.updateCartLine input.petId": m(
    "updateCartLine",
    "UpdateCartLineInput",
    (f) => ({ lineId: f.b.cartLineId, petId: f.a.petId }),
    "NOT_FOUND",
    CART,
  ),
  "Mutation.setShippingMethod input.shippingMethodId": m(
    "setShippingMethod",
    "SetShippingMethodInput",
    (f) => ({ vendorId: f.b.shopId, shippingMethodId: f.a.shippingMethodId }),
    "NOT_FOUND",
    CART,
  ),
  "Mutation.setShippingMethod input.vendorId": m(
    "setShippingMethod",
    "SetShippingMethodInput",
    (f) => ({ vendorId: f.a.shopId, shippingMethodId: f.a.shippingMethodId }),
    "PUBLIC_OFFER",
    CART,
  ),

  // orders: a vendor's settings (B is the VENDOR_ADMIN of another vendor; A's active methods are public)
  "Query.shippingMethods vendorId": q(
    `query($id: ID!) { shippingMethods(vendorId: $id) { id name } }`,
    (f) => ({ id: f.a.shopId }),
    "PUBLIC_OFFER",
  ),
  "Mutation.createShippingMethod input.vendorId": v(
    m(
      "createShippingMethod",
      "CreateShippingMethodInput",
      (f) => ({ ...flat, vendorId: f.a.shopId }),
      "NOT_FOUND",
      "id",
    ),
  ),
  "Mutation.createShippingMethod input.clinicId": v(
    m(
      "createShippingMethod",
      "CreateShippingMethodInput",
      (f) => ({ vendorId: f.b.shopId, name: "Pickup", kind: "PICKUP", currency: "EUR", clinicId: f.a.clinicId }),
      "ADDRESSEE",
      "id clinic { id }",
    ),
  ),
  "Mutation.updateShippingMethod input.id": v(
    m(
      "updateShippingMethod",
      "UpdateShippingMethodInput",
      (f) => ({ id: f.a.shippingMethodId, priceMinor: 0 }),
      "NOT_FOUND",
      "id",
    ),
  ),
  "Mutation.deactivateShippingMethod id": v(
    q(`mutation($id: ID!) { deactivateShippingMethod(id: $id) { id } }`, (f) => ({ id: f.a.shippingMethodId })),
  ),
  "Query.coupons vendorId": v(q(`query($id: ID) { coupons(vendorId: $id) { code } }`, (f) => ({ id: f.a.shopId }))),
  "Mutation.createCoupon input.vendorId": v(
    m("createCoupon", "CreateCouponInput", (f) => ({ ...coupon(), vendorId: f.a.shopId }), "NOT_FOUND", COUPON),
  ),
  "Mutation.deactivateCoupon id": v(
    q(`mutation($id: ID!) { deactivateCoupon(id: $id) { code } }`, (f) => ({ id: f.a.couponId })),
  ),

  // orders: the platform's settings are for platform admins only
  "Mutation.setCommissionRule input.targetId": v(
    m(
      "setCommissionRule",
      "SetCommissionRuleInput",
      (f) => ({ scope: "VENDOR", targetId: f.a.shopId, kind: "PERCENTAGE", rateBps: 0 }),
      "FORBIDDEN",
      "id",
    ),
  ),
  "Mutation.removeCommissionRule id": q(
    `mutation($id: ID!) { removeCommissionRule(id: $id) { id } }`,
    (f) => ({ id: f.a.commissionRuleId }),
    "FORBIDDEN",
  ),
  "Mutation.removeTaxRate id": q(
    `mutation($id: ID!) { removeTaxRate(id: $id) { id } }`,
    (f) => ({ id: f.a.taxRateId }),
    "FORBIDDEN",
  ),

  // orders: A's order is A's (and the platform's); A's vendor order is A's shop's too
  "Query.order id": q(`query($id: ID!) { order(id: $id) { number } }`, (f) => ({ id: f.a.orderId })),
  "Query.vendorOrder id": v(q(`query($id: ID!) { vendorOrder(id: $id) { id } }`, (f) => ({ id: f.a.vendorOrderId }))),
  "Query.vendorOrders vendorId": v(
    q(`query($id: ID!) { vendorOrders(vendorId: $id) { edges { node { id } } } }`, (f) => ({ id: f.a.shopId })),
  ),
  "Mutation.startPayment orderId": q(`mutation($id: ID!) { startPayment(orderId: $id) { status } }`, (f) => ({
    id: f.a.orderId,
  })),
  "Mutation.cancelOrder input.orderId": m(
    "cancelOrder",
    "CancelOrderInput",
    (f) => ({ orderId: f.a.orderId }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.cancelVendorOrder input.vendorOrderId": v(
    m(
      "cancelVendorOrder",
      "CancelVendorOrderInput",
      (f) => ({ vendorOrderId: f.a.vendorOrderId, reason: "Mine now" }),
      "NOT_FOUND",
      "id",
    ),
  ),
  "Mutation.markShipped input.vendorOrderId": v(
    m(
      "markShipped",
      "MarkShippedInput",
      (f) => ({ ...parcel, vendorOrderId: f.a.vendorOrderId, lines: [{ orderLineId: f.a.orderLineId, quantity: 1 }] }),
      "NOT_FOUND",
      "id",
    ),
  ),
  "Mutation.markShipped input.lines.orderLineId": v(
    m(
      "markShipped",
      "MarkShippedInput",
      (f) => ({ ...parcel, vendorOrderId: f.b.vendorOrderId, lines: [{ orderLineId: f.a.orderLineId, quantity: 1 }] }),
      "NOT_FOUND",
      "id",
    ),
  ),
  "Mutation.markDelivered input.vendorOrderId": v(
    m("markDelivered", "MarkDeliveredInput", (f) => ({ vendorOrderId: f.a.vendorOrderId }), "NOT_FOUND", "id"),
  ),
  "Mutation.markDelivered input.shipmentId": v(
    m(
      "markDelivered",
      "MarkDeliveredInput",
      (f) => ({ vendorOrderId: f.b.vendorOrderId, shipmentId: f.a.shipmentId }),
      "NOT_FOUND",
      "id",
    ),
  ),
  "Mutation.refundOrder input.orderId": v(
    m(
      "refundOrder",
      "RefundOrderInput",
      (f) => ({ ...refund, orderId: f.a.orderId, lines: [{ orderLineId: f.a.orderLineId, quantity: 1 }] }),
      "NOT_FOUND",
      "id",
    ),
  ),
  "Mutation.refundOrder input.lines.orderLineId": v(
    m(
      "refundOrder",
      "RefundOrderInput",
      (f) => ({ ...refund, orderId: f.b.orderId, lines: [{ orderLineId: f.a.orderLineId, quantity: 1 }] }),
      "NOT_FOUND",
      "id",
    ),
  ),
  "Subscription.orderUpdated orderId": {
    ...q(`subscription($id: ID!) { orderUpdated(orderId: $id) { number } }`, (f) => ({ id: f.a.orderId })),
    ws: true,
  },
};
