import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, createPubSub, ResolverContainer, withLiveResolvers } from "@pawgraph/subgraph-kit";
// type-graphql lists Query and Mutation fields in the order their resolver modules load, so this
// import order is the order of the emitted schema.graphql.
import { CartResolver } from "./cart/cart.resolver";
import { CheckoutResolver } from "./checkout/checkout.resolver";
import { OrderResolver } from "./order/order.resolver";
import { PaymentResolver } from "./payment/payment.resolver";
import { PlatformSettingsResolver } from "./settings/platform-settings.resolver";
import { CouponResolver } from "./settings/coupon.resolver";
import { ShippingMethodResolver } from "./settings/shipping-method.resolver";
import { FulfilmentResolver } from "./fulfilment/fulfilment.resolver";
import { RefundResolver } from "./refund/refund.resolver";
import { OrderSubscriptions } from "./order/order.subscriptions";
import { CarePlanResolver } from "./care-plan/care-plan.resolver";
import { WellnessOfferResolver } from "./wellness/wellness-offer.resolver";
import { BookingCoverageResolver, bookingReference, WellnessPlanResolver } from "./wellness/wellness-plan.resolver";
import { Booking } from "./wellness/wellness-plan.types";

/** The resolver classes of orders' schema; `app.ts` builds one instance of each with its services. */
export const ORDERS_RESOLVERS = [
  CartResolver,
  CheckoutResolver,
  OrderResolver,
  PaymentResolver,
  PlatformSettingsResolver,
  CouponResolver,
  ShippingMethodResolver,
  FulfilmentResolver,
  RefundResolver,
  OrderSubscriptions,
  CarePlanResolver,
  WellnessOfferResolver,
  WellnessPlanResolver,
  BookingCoverageResolver,
] as const;

/** orders' federated schema: carts, checkout, orders, payments, fulfilment and refunds. */
export async function buildOrdersSchema(resolvers = new ResolverContainer()): Promise<GraphQLSchema> {
  const schema = await buildFederatedSchema({
    resolvers: ORDERS_RESOLVERS,
    container: resolvers,
    // Booking is reached only through `_entities` (no field of ours returns one): listed so it is emitted.
    orphanedTypes: [Booking],
    referenceResolvers: { Booking: bookingReference },
    // type-graphql requires a pub/sub when a schema has subscriptions; ours subscribe through the
    // resolvers' OrdersRealtime (one per instance), so this one is never used.
    pubSub: createPubSub(),
  });
  // Subscriptions' `subscribe` gets no resolver instance from type-graphql: it finds it through the schema.
  return withLiveResolvers(schema, resolvers);
}
