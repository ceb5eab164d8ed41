import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { ConnectionArgs, type BaseContext } from "@pawgraph/subgraph-kit";
import type { OrderService } from "../order/order.service";
import { toPaymentSession } from "../payment/payment.mapper";
import { toCarePlan } from "./care-plan.mapper";
import type { CarePlanService, ChangeOutcome } from "./care-plan.service";
import { CarePlanIdInput, CreateCarePlanInput, UpdateCarePlanInput } from "./care-plan.inputs";
import {
  CarePlan,
  CarePlanChangeResult,
  CarePlanConnection,
  CarePlanCreated,
  CarePlanLineUnavailableError,
  CarePlanOutOfStockError,
  CarePlanPrescriptionRequiredError,
  CarePlanShippingMethodRequiredError,
  CarePlanStateError,
  CarePlanStatusValue,
  CreateCarePlanResult,
} from "./care-plan.types";

function changed(outcome: ChangeOutcome): typeof CarePlanChangeResult {
  if (outcome.kind === "STATE")
    return Object.assign(new CarePlanStateError(), {
      code: "CARE_PLAN_STATE",
      message: outcome.message,
      status: outcome.status as CarePlanStatusValue,
    });
  return Object.assign(new CarePlan(), toCarePlan(outcome.plan, outcome.runs));
}

/** Care plans: the owner's recurring orders for a pet. Owner-only; anyone else gets NOT_FOUND. */
@Resolver(() => CarePlan)
export class CarePlanResolver {
  constructor(
    private readonly plans: CarePlanService,
    private readonly orders: OrderService,
  ) {}

  @Query(() => CarePlan, { nullable: true, description: "One of the viewer's care plans." })
  async carePlan(
    @Arg("id", () => ID, { description: "The care plan." }) id: string,
    @Ctx() ctx: BaseContext,
  ): Promise<CarePlan> {
    const { plan, runs } = await this.plans.carePlan(ctx, id);
    return toCarePlan(plan, runs);
  }

  @Query(() => CarePlanConnection, { nullable: true, description: "The viewer's care plans, newest first." })
  async myCarePlans(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: BaseContext,
  ): Promise<CarePlanConnection> {
    const { connection, runs } = await this.plans.myCarePlans(ctx, args);
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: toCarePlan(e.node, runs) })),
    };
  }

  @Mutation(() => CreateCarePlanResult, {
    description:
      "Turns products (lines of your cart, or given directly) into a recurring order for your pet, and places its first order now. With card payments its payment method is saved for the plan's later runs; offline, runs are paid on delivery.",
  })
  async createCarePlan(
    @Arg("input", () => CreateCarePlanInput, { description: "The plan." }) input: CreateCarePlanInput,
    @Ctx() ctx: BaseContext,
  ): Promise<typeof CreateCarePlanResult> {
    const outcome = await this.plans.create(ctx, input);
    switch (outcome.kind) {
      case "CREATED":
        return Object.assign(new CarePlanCreated(), {
          carePlan: toCarePlan(outcome.plan, outcome.runs),
          // As it is now: an offline payment settled it meanwhile.
          order: await this.orders.view(ctx, await this.orders.visible(ctx, outcome.order.id)),
          payment: outcome.payment ? toPaymentSession(outcome.payment) : null,
        });
      case "LINE_UNAVAILABLE":
        return Object.assign(new CarePlanLineUnavailableError(), {
          code: outcome.kind,
          message: outcome.message,
          variant: { id: outcome.variantId },
        });
      case "SHIPPING_METHOD_REQUIRED":
        return Object.assign(new CarePlanShippingMethodRequiredError(), {
          code: outcome.kind,
          message: outcome.message,
          vendor: { id: outcome.vendorId },
        });
      case "PRESCRIPTION_REQUIRED":
        return Object.assign(new CarePlanPrescriptionRequiredError(), {
          code: outcome.kind,
          message: outcome.message,
          variant: { id: outcome.variantId },
          reason: outcome.reason,
        });
      case "OUT_OF_STOCK":
        return Object.assign(new CarePlanOutOfStockError(), {
          code: "INSUFFICIENT_STOCK",
          message: `Only ${outcome.available} left of a product the plan wants ${outcome.requested} of.`,
          variant: { id: outcome.variantId },
          requested: outcome.requested,
          available: outcome.available,
        });
    }
  }

  @Mutation(() => CarePlanChangeResult, { description: "Pauses your plan: no orders until it is resumed." })
  async pauseCarePlan(
    @Arg("input", () => CarePlanIdInput, { description: "The plan." }) input: CarePlanIdInput,
    @Ctx() ctx: BaseContext,
  ): Promise<typeof CarePlanChangeResult> {
    return changed(await this.plans.pause(ctx, input.carePlanId));
  }

  @Mutation(() => CarePlanChangeResult, {
    description:
      "Resumes your paused plan from its next run date that is not past. A PAST_DUE plan resumes by itself once its failed payment is confirmed.",
  })
  async resumeCarePlan(
    @Arg("input", () => CarePlanIdInput, { description: "The plan." }) input: CarePlanIdInput,
    @Ctx() ctx: BaseContext,
  ): Promise<typeof CarePlanChangeResult> {
    return changed(await this.plans.resume(ctx, input.carePlanId));
  }

  @Mutation(() => CarePlanChangeResult, {
    description: "Skips your plan's next run: the next run date moves on by one interval.",
  })
  async skipNextCarePlanRun(
    @Arg("input", () => CarePlanIdInput, { description: "The plan." }) input: CarePlanIdInput,
    @Ctx() ctx: BaseContext,
  ): Promise<typeof CarePlanChangeResult> {
    return changed(await this.plans.skipNextRun(ctx, input.carePlanId));
  }

  @Mutation(() => CarePlanChangeResult, { description: "Changes your plan's quantities or interval." })
  async updateCarePlan(
    @Arg("input", () => UpdateCarePlanInput, { description: "The changes." }) input: UpdateCarePlanInput,
    @Ctx() ctx: BaseContext,
  ): Promise<typeof CarePlanChangeResult> {
    return changed(await this.plans.update(ctx, input));
  }

  @Mutation(() => CarePlanChangeResult, { description: "Cancels your plan for good: it never runs again." })
  async cancelCarePlan(
    @Arg("input", () => CarePlanIdInput, { description: "The plan." }) input: CarePlanIdInput,
    @Ctx() ctx: BaseContext,
  ): Promise<typeof CarePlanChangeResult> {
    return changed(await this.plans.cancel(ctx, input.carePlanId));
  }
}
