import { Ctx, Mutation, Resolver } from "type-graphql";
import type { BaseContext, Logger } from "@pawgraph/subgraph-kit";
import { toCart } from "../cart/cart.mapper";
import type { CartProblem } from "../cart/cart.types";
import type { OrderService } from "../order/order.service";
import { toPaymentSession } from "../payment/payment.mapper";
import type { PaymentService } from "../payment/payment.service";
import type { CheckoutService } from "./checkout.service";
import {
  CartNotReadyError,
  CheckoutRequiredError,
  CheckoutStarted,
  CouponUnavailableError,
  InsufficientStockError,
  OrderPlaced,
  PlaceOrderResult,
  PrescriptionRequiredError,
  StartCheckoutResult,
} from "./checkout.types";

/** Checkout: reserve and freeze, then place the order and start its payment. */
@Resolver()
export class CheckoutResolver {
  constructor(
    private readonly checkout: CheckoutService,
    private readonly orders: OrderService,
    private readonly payments: PaymentService,
    private readonly log: Logger,
  ) {}

  @Mutation(() => StartCheckoutResult, {
    description:
      "Checks the signed-in buyer's cart (problems, prescriptions), reserves its stock for 15 minutes and fixes its prices.",
  })
  async startCheckout(@Ctx() ctx: BaseContext): Promise<typeof StartCheckoutResult> {
    const outcome = await this.checkout.start(ctx);
    switch (outcome.kind) {
      case "STARTED":
        return Object.assign(new CheckoutStarted(), { cart: toCart(outcome.quote), expiresAt: outcome.expiresAt });
      case "NOT_READY":
        return Object.assign(new CartNotReadyError(), {
          code: "CART_NOT_READY",
          message: "Fix the cart's problems before checking out.",
          problems: outcome.problems as CartProblem[],
        });
      case "INSUFFICIENT_STOCK":
        return Object.assign(new InsufficientStockError(), {
          code: "INSUFFICIENT_STOCK",
          message: `Only ${outcome.available} left of a product you want ${outcome.requested} of.`,
          lineId: outcome.lineId,
          variant: { id: outcome.variantId },
          requested: outcome.requested,
          available: outcome.available,
        });
      case "PRESCRIPTION_REQUIRED":
        return Object.assign(new PrescriptionRequiredError(), {
          code: "PRESCRIPTION_REQUIRED",
          message: outcome.message,
          lineId: outcome.lineId,
          reason: outcome.reason,
        });
    }
  }

  @Mutation(() => PlaceOrderResult, {
    description:
      "Places the order from the started checkout (one vendor order per vendor) and starts its payment. Offline orders are accepted at once.",
  })
  async placeOrder(@Ctx() ctx: BaseContext): Promise<typeof PlaceOrderResult> {
    const outcome = await this.checkout.place(ctx);
    if (outcome.kind === "CHECKOUT_REQUIRED")
      return Object.assign(new CheckoutRequiredError(), { code: outcome.kind, message: outcome.message });
    if (outcome.kind === "COUPON_UNAVAILABLE")
      return Object.assign(new CouponUnavailableError(), {
        code: outcome.kind,
        message: outcome.message,
        couponCode: outcome.code,
      });
    let payment = null;
    try {
      payment = toPaymentSession(await this.payments.start(outcome.order));
    } catch (error) {
      this.log.warn({ err: error, orderId: outcome.order.id }, "payment not started; the buyer can call startPayment");
    }
    const order = await this.orders.view(ctx, await this.orders.visible(ctx, outcome.order.id));
    return Object.assign(new OrderPlaced(), { order, payment });
  }
}
