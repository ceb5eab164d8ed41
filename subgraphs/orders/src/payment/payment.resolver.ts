import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { NotFoundError, requireViewer, type BaseContext } from "@pawgraph/subgraph-kit";
import type { OrderService } from "../order/order.service";
import { Order, PaymentProviderValue, PaymentSession } from "../order/order.types";
import { toPaymentSession } from "./payment.mapper";
import type { PaymentService } from "./payment.service";

@ObjectType({ description: "How this platform takes payments." })
export class PaymentSettings {
  @Field(() => PaymentProviderValue, {
    description: "STRIPE when configured, else OFFLINE (pay at the clinic / on delivery).",
  })
  provider!: PaymentProviderValue;

  @Field(() => String, {
    nullable: true,
    description: "Stripe's publishable key, to initialise Stripe.js or the mobile SDKs.",
  })
  publishableKey!: string | null;
}

/** Paying an order: the session to pay with, and the buyer's "I paid". */
@Resolver()
export class PaymentResolver {
  constructor(
    private readonly payments: PaymentService,
    private readonly orders: OrderService,
  ) {}

  @Query(() => PaymentSettings, { nullable: true, description: "The payment provider and its publishable key." })
  paymentSettings(): PaymentSettings {
    return {
      provider: this.payments.provider.name as PaymentProviderValue,
      publishableKey: this.payments.provider.publishableKey,
    };
  }

  @Mutation(() => PaymentSession, {
    description:
      "The order's payment session (created if placeOrder could not reach the provider): the buyer, while the order awaits payment.",
  })
  async startPayment(
    @Arg("orderId", () => ID, { description: "The order to pay." }) orderId: string,
    @Ctx() ctx: BaseContext,
  ): Promise<PaymentSession> {
    const order = await this.orders.visible(ctx, orderId, "orderId");
    if (order.buyerId !== requireViewer(ctx.viewer).userId) throw new NotFoundError("Order", "orderId");
    const session =
      order.paymentReference && order.status !== "PAYMENT_PENDING"
        ? await this.payments.current(order)
        : await this.payments.start(order);
    return toPaymentSession(session!);
  }

  @Mutation(() => Order, {
    description:
      'The buyer\'s "I paid": re-reads the payment from the provider and records it once (the webhook does the same; either may come first).',
  })
  async finalizePayment(
    @Arg("paymentIntentId", () => String, { description: "The payment's reference (a Stripe PaymentIntent id)." })
    paymentIntentId: string,
    @Ctx() ctx: BaseContext,
  ): Promise<Order> {
    const viewer = requireViewer(ctx.viewer);
    const order = /^[\w-]{1,255}$/.test(paymentIntentId) ? await this.orders.byPaymentReference(paymentIntentId) : null;
    if (!order || order.buyerId !== viewer.userId) throw new NotFoundError("Payment", "paymentIntentId");
    const finalized = await this.payments.finalize(paymentIntentId);
    return this.orders.view(ctx, finalized ?? order);
  }
}
