import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { BaseContext } from "@pawgraph/subgraph-kit";
import type { OrderService } from "../order/order.service";
import { Order, VendorOrder } from "../order/order.types";
import type { CancellationService } from "./cancellation.service";
import { CancelOrderInput, CancelVendorOrderInput, MarkDeliveredInput, MarkShippedInput } from "./fulfilment.inputs";
import type { FulfilmentService } from "./fulfilment.service";

/** Fulfilment by vendors' people, and cancellation before shipment. */
@Resolver()
export class FulfilmentResolver {
  constructor(
    private readonly fulfilment: FulfilmentService,
    private readonly cancellation: CancellationService,
    private readonly orders: OrderService,
  ) {}

  @Mutation(() => VendorOrder, {
    description:
      "Vendor staff record a parcel of a vendor order (TO_FULFIL or PARTIALLY_SHIPPED) with its carrier and tracking number. Its vendor's people only: NOT_FOUND for others; INVALID_STATE when it cannot ship.",
  })
  async markShipped(
    @Arg("input", () => MarkShippedInput, { description: "The vendor order, the carrier and what the parcel holds." })
    input: MarkShippedInput,
    @Ctx() ctx: BaseContext,
  ): Promise<VendorOrder> {
    const row = await this.fulfilment.markShipped(ctx, input);
    return this.orders.vendorOrder(ctx, row.id);
  }

  @Mutation(() => VendorOrder, {
    description:
      "Vendor staff record a delivery: one shipment or all. The vendor order is DELIVERED once it shipped in full and every parcel arrived; the order COMPLETED when all its parts are.",
  })
  async markDelivered(
    @Arg("input", () => MarkDeliveredInput, { description: "The vendor order and, optionally, one shipment." })
    input: MarkDeliveredInput,
    @Ctx() ctx: BaseContext,
  ): Promise<VendorOrder> {
    const row = await this.fulfilment.markDelivered(ctx, input);
    return this.orders.vendorOrder(ctx, row.id);
  }

  @Mutation(() => Order, {
    description:
      "Cancels an order before anything shipped: the buyer within ORDER_CANCEL_WINDOW_MINUTES of placing it, platform admins any time with a reason. Stock is given back and what was paid refunded. INVALID_STATE once part of it shipped or the window closed.",
  })
  async cancelOrder(
    @Arg("input", () => CancelOrderInput, { description: "The order and why." }) input: CancelOrderInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Order> {
    const row = await this.cancellation.cancelOrder(ctx, input);
    return this.orders.view(ctx, row);
  }

  @Mutation(() => VendorOrder, {
    description:
      "A vendor's people cancel their paid part of an order before shipping it, with a reason: its stock is given back and its share refunded. INVALID_STATE once it shipped.",
  })
  async cancelVendorOrder(
    @Arg("input", () => CancelVendorOrderInput, { description: "The vendor order and why." })
    input: CancelVendorOrderInput,
    @Ctx() ctx: BaseContext,
  ): Promise<VendorOrder> {
    const row = await this.cancellation.cancelVendorOrder(ctx, input);
    return this.orders.vendorOrder(ctx, row.id);
  }
}
