import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, ResolverContainer } from "@pawgraph/subgraph-kit";
// type-graphql lists Query and Mutation fields in the order their resolver modules load, so this
// import order is the order of the emitted schema.graphql.
import { CartResolver } from "./cart/cart.resolver";
import { CheckoutResolver } from "./checkout/checkout.resolver";
import { OrderResolver } from "./order/order.resolver";
import { PaymentResolver } from "./payment/payment.resolver";
import { PlatformSettingsResolver } from "./settings/platform-settings.resolver";
import { CouponResolver } from "./settings/coupon.resolver";
import { ShippingMethodResolver } from "./settings/shipping-method.resolver";

/** The resolver classes of orders' schema; `app.ts` builds one instance of each with its services. */
export const ORDERS_RESOLVERS = [
  CartResolver,
  CheckoutResolver,
  OrderResolver,
  PaymentResolver,
  PlatformSettingsResolver,
  CouponResolver,
  ShippingMethodResolver,
] as const;

/** orders' federated schema: carts, checkout, orders, payments, fulfilment and refunds. */
export function buildOrdersSchema(resolvers = new ResolverContainer()): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: ORDERS_RESOLVERS,
    container: resolvers,
  });
}
