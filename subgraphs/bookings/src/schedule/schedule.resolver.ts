import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { BookingsContext } from "../context";
import { AddScheduleOverrideInput, SetVetHoursInput, VetSchedule } from "./schedule.type";

@Resolver(() => VetSchedule)
export class ScheduleResolver {
  @Authorized()
  @Mutation(() => VetSchedule, { description: "Replace a vet's weekly working hours at a clinic (clinic admins). Times are the clinic's local time." })
  async setVetHours(@Arg("input", () => SetVetHoursInput, { description: "The vet and their hours." }) input: SetVetHoursInput, @Ctx() ctx: BookingsContext): Promise<VetSchedule> {
    const hours = await ctx.services.schedules.setHours(ctx, input);
    return { vet: { id: input.vetId.toLowerCase() }, hours };
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Add time off or extra hours for a vet on one date (clinic admins). Returns true." })
  async addScheduleOverride(@Arg("input", () => AddScheduleOverrideInput, { description: "The change." }) input: AddScheduleOverrideInput, @Ctx() ctx: BookingsContext): Promise<boolean> {
    await ctx.services.schedules.addOverride(ctx, input);
    return true;
  }
}
