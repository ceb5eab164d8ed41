import { Arg, Authorized, Ctx, ID, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { type BaseContext, resolverOf } from "@pawgraph/subgraph-kit";
import type { OrdersRealtime, RealtimeTopics } from "../realtime/realtime";
import type { OrderService } from "./order.service";
import { Order } from "./order.types";

type Data = SubscribeResolverData<unknown, Record<string, unknown>, BaseContext>;

/**
 * Live order tracking for its buyer and platform admins. type-graphql calls `subscribe` with no
 * resolver instance, so it finds this one through the schema it runs in (live-resolvers.ts).
 */
@Resolver()
export class OrderSubscriptions {
  constructor(
    readonly orders: OrderService,
    readonly realtime: OrdersRealtime,
  ) {}

  @Authorized()
  @Subscription(() => Order, {
    nullable: true,
    description:
      "The order each time its status, shipments or refunds change: its buyer and platform admins. NOT_FOUND for anyone else.",
    subscribe: async ({ args, context, info }: Data) => {
      const self = resolverOf(info, OrderSubscriptions);
      // Checked once, before anything is delivered: a stranger gets an error and never an event.
      const order = await self.orders.visible(context, String(args.orderId), "orderId");
      return self.realtime.updatesOf(order.id);
    },
  })
  async orderUpdated(
    @Root() event: RealtimeTopics["order-updated"][1],
    @Arg("orderId", () => ID, { description: "The order to follow." }) _orderId: string,
    @Ctx() ctx: BaseContext,
  ): Promise<Order> {
    // Read as the subscriber: what they may see (commission, for one) depends on who they are.
    return this.orders.order(ctx, event.orderId);
  }
}
