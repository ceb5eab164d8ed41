import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { toBooking } from "../booking/booking.mapper";
import type { BookingsContext } from "../context";
import { AddScheduleOverrideResult, BookingsInTheWayError } from "./schedule.errors";
import { AddScheduleOverrideInput, SetVetHoursInput } from "./schedule.inputs";
import type { ScheduleService } from "./schedule.service";
import { ScheduleOverrideAdded, VetSchedule } from "./schedule.type";

@Resolver(() => VetSchedule)
export class ScheduleResolver {
  constructor(private readonly schedules: ScheduleService) {}

  @Authorized()
  @Mutation(() => VetSchedule, {
    description: "Replace a vet's weekly working hours at a clinic (clinic admins). Times are the clinic's local time.",
  })
  async setVetHours(
    @Arg("input", () => SetVetHoursInput, { description: "The vet and their hours." }) input: SetVetHoursInput,
    @Ctx() ctx: BookingsContext,
  ): Promise<VetSchedule> {
    const hours = await this.schedules.setHours(ctx, input);
    return { vet: { id: input.vetId.toLowerCase() }, hours };
  }

  @Authorized()
  @Mutation(() => AddScheduleOverrideResult, {
    description:
      "Add time off or extra hours for a vet on one date (clinic admins). Time off over the vet's confirmed bookings is refused with those bookings: move or cancel them first.",
  })
  async addScheduleOverride(
    @Arg("input", () => AddScheduleOverrideInput, { description: "The change." }) input: AddScheduleOverrideInput,
    @Ctx() ctx: BookingsContext,
  ) {
    const result = await this.schedules.addOverride(ctx, input);
    if ("inTheWay" in result) {
      const count = result.inTheWay.length;
      return Object.assign(new BookingsInTheWayError(), {
        message: `${count} confirmed booking${count === 1 ? "" : "s"} fall${count === 1 ? "s" : ""} in this time off: move or cancel ${count === 1 ? "it" : "them"} first.`,
        bookings: result.inTheWay.map(toBooking),
      });
    }
    return Object.assign(new ScheduleOverrideAdded(), {
      date: result.onDate,
      kind: result.kind,
      starts: result.starts?.slice(0, 5) ?? null,
      ends: result.ends?.slice(0, 5) ?? null,
    });
  }
}
