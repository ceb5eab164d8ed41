import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { BaseContext } from "@pawgraph/subgraph-kit";
import { RefundOrderInput } from "./refund.inputs";
import { toRefund } from "./refund.mapper";
import type { RefundService } from "./refund.service";
import { Refund } from "./refund.types";

/** Refunds granted by platform admins and by vendors' people for their lines. */
@Resolver()
export class RefundResolver {
  constructor(private readonly refunds: RefundService) {}

  @Mutation(() => Refund, {
    description:
      "Pays money back on an order: platform admins for any of it, a vendor's people for their vendor order's lines. Never more than was paid and not yet refunded (BAD_USER_INPUT on `input.amountMinor`). Comes back SUCCEEDED, FAILED, or PENDING until the provider answers.",
  })
  async refundOrder(
    @Arg("input", () => RefundOrderInput, { description: "The order, the lines or amount, and why." })
    input: RefundOrderInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Refund> {
    return toRefund(await this.refunds.refundOrder(ctx, input));
  }
}
