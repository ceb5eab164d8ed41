import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, type BaseContext } from "@pawgraph/subgraph-kit";
import type { OrdersContext } from "../context";
import type { OrderService } from "./order.service";
import {
  Order,
  OrderConnection,
  OrderHistoryEntry,
  VendorOrder,
  VendorOrderConnection,
  VendorOrderStatusValue,
} from "./order.types";

@ArgsType()
class VendorOrdersArgs extends ConnectionArgs {
  @Field(() => ID, { description: "The vendor." })
  vendorId!: string;

  @Field(() => VendorOrderStatusValue, { nullable: true, description: "Only vendor orders in this status." })
  status?: VendorOrderStatusValue | null;
}

/** Reading orders: the buyer's, a vendor's part of them, and an order's history. */
@Resolver(() => Order)
export class OrderResolver {
  constructor(private readonly orders: OrderService) {}

  @Query(() => Order, {
    nullable: true,
    description: "An order: its buyer and platform admins (a vendor's people read `vendorOrder`).",
  })
  async order(@Arg("id", () => ID, { description: "The order." }) id: string, @Ctx() ctx: BaseContext): Promise<Order> {
    return this.orders.order(ctx, id);
  }

  @Query(() => OrderConnection, { nullable: true, description: "The viewer's orders, newest first." })
  async myOrders(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: BaseContext): Promise<OrderConnection> {
    return this.orders.myOrders(ctx, args);
  }

  @Query(() => VendorOrder, {
    nullable: true,
    description: "A vendor's part of an order: the vendor's people, the buyer and platform admins.",
  })
  async vendorOrder(
    @Arg("id", () => ID, { description: "The vendor order." }) id: string,
    @Ctx() ctx: BaseContext,
  ): Promise<VendorOrder> {
    return this.orders.vendorOrder(ctx, id);
  }

  @Query(() => VendorOrderConnection, {
    nullable: true,
    description: "A vendor's orders to fulfil and fulfilled, newest first: the vendor's people and platform admins.",
  })
  async vendorOrders(
    @Args(() => VendorOrdersArgs) args: VendorOrdersArgs,
    @Ctx() ctx: BaseContext,
  ): Promise<VendorOrderConnection> {
    return this.orders.vendorOrders(ctx, args.vendorId, args.status ?? null, args);
  }

  @FieldResolver(() => [OrderHistoryEntry], {
    description: "Every status change, oldest first, with who (in which capacity) and why.",
  })
  async history(@Root() order: Order, @Ctx() ctx: OrdersContext): Promise<OrderHistoryEntry[]> {
    // Only reached through an Order the viewer may see; batched per request (no statement per order).
    const rows = await ctx.loaders.history.load(order.id);
    return rows.map((r) => ({
      from: r.fromStatus,
      to: r.toStatus,
      vendorOrderId: r.vendorOrderId,
      actorRole: r.actorRole,
      reason: r.reason,
      at: r.at,
    }));
  }
}
