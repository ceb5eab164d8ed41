import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { DateTime } from "luxon";
import { ConnectionArgs, NotFoundError, parseId, type Connection } from "@pawgraph/subgraph-kit";
import { requireClinicRole } from "../access/clinic-roles";
import type { ClinicStaff } from "../access/clinic-staff";
import type { AvailabilityService } from "../availability/availability.service";
import { toClinicService } from "../clinic-service/clinic-service.mapper";
import type { ClinicServiceService } from "../clinic-service/clinic-service.service";
import { ClinicServiceType } from "../clinic-service/clinic-service.type";
import { toClinic } from "../clinic/clinic.mapper";
import { Clinic } from "../clinic/clinic.type";
import type { BookingsContext } from "../context";
import { BookingEntity } from "./booking.entity";
import {
  CancelBookingResult,
  CancellationWindowClosedError,
  ConfirmBookingResult,
  HoldExpiredError,
  HoldSlotResult,
  RescheduleBookingResult,
  SlotTakenError,
  SlotUnavailableError,
  TooManyHoldsError,
} from "./booking.errors";
import {
  CancelBookingInput,
  ConfirmBookingInput,
  HoldSlotInput,
  MarkBookingNoShowInput,
  ReleaseHoldInput,
  RescheduleBookingInput,
} from "./booking.inputs";
import { toBooking, toHold } from "./booking.mapper";
import { bookingReference } from "./booking.reference";
import type { BookingRepository } from "./booking.repository";
import type { BookingService, SlotOutcome } from "./booking.service";
import { Booking, BookingConnection, Slot, SlotHold } from "./booking.type";

function slotError(outcome: SlotOutcome): SlotTakenError | SlotUnavailableError {
  if (outcome.ok) throw new Error("not an error");
  return outcome.taken ? new SlotTakenError() : Object.assign(new SlotUnavailableError(), { message: outcome.message });
}

const asBooking = (row: BookingEntity) => Object.assign(new Booking(), toBooking(row));

@Resolver(() => Booking)
export class BookingResolver {
  constructor(
    private readonly bookings: BookingService,
    private readonly catalog: ClinicServiceService,
    private readonly staff: ClinicStaff,
    private readonly availability: AvailabilityService,
    private readonly bookingReads: BookingRepository,
  ) {}

  @Authorized()
  @Query(() => Booking, {
    nullable: true,
    description: "A booking you made, or one at a clinic you work at; null with a NOT_FOUND error otherwise.",
  })
  async booking(
    @Arg("id", () => ID, { description: "The booking." }) id: string,
    @Ctx() ctx: BookingsContext,
  ): Promise<Booking> {
    const booking = await bookingReference.__resolveReference({ id }, ctx);
    if (!booking) throw new NotFoundError("Booking", "id");
    return booking;
  }

  @Authorized()
  @Query(() => [Slot], {
    nullable: true,
    description:
      "Free appointment times for a service at a clinic, computed in the clinic's time zone (at most 31 days per call).",
  })
  async availableSlots(
    @Arg("clinicId", () => ID, { description: "The clinic." }) clinicId: string,
    @Arg("serviceId", () => ID, { description: "The service to book." }) serviceId: string,
    @Arg("from", () => Date, { description: "Start of the window." }) from: Date,
    @Arg("to", () => Date, { description: "End of the window (exclusive)." }) to: Date,
    @Arg("vetId", () => ID, { nullable: true, description: "Only this vet; all vets when omitted." })
    vetId: string | null,
    @Ctx() ctx: BookingsContext,
  ): Promise<Slot[]> {
    const clinic = await this.bookings.bookableClinic(ctx, clinicId, "clinicId");
    const service = await this.catalog.get(clinic.id, serviceId, "serviceId");
    const vetIds = vetId ? [parseId(vetId, "vetId")] : [];
    if (vetId) await this.staff.requireMember(ctx, clinic.id, vetIds[0]!, "vetId");
    const slots = await this.availability.slots({ clinic, service, vetIds, from, to });
    return slots.map((s) => ({ startsAt: s.start, endsAt: s.end, vet: { id: s.vetId } }));
  }

  @Authorized()
  @Mutation(() => HoldSlotResult, {
    description: "Reserve a slot for a few minutes (the clinic's hold time) while you confirm.",
  })
  async holdSlot(
    @Arg("input", () => HoldSlotInput, { description: "The slot." }) input: HoldSlotInput,
    @Ctx() ctx: BookingsContext,
  ) {
    const result = await this.bookings.hold(ctx, input);
    if (result instanceof BookingEntity) return Object.assign(new SlotHold(), toHold(result));
    if ("holdLimit" in result) {
      return Object.assign(new TooManyHoldsError(), {
        limit: result.holdLimit,
        message: `You already hold ${result.holdLimit} slots: confirm or release one first.`,
      });
    }
    return slotError(result);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      "Give up one of your holds before it lapses, so its slot is free for others at once. True when released.",
  })
  releaseHold(
    @Arg("input", () => ReleaseHoldInput, { description: "The hold." }) input: ReleaseHoldInput,
    @Ctx() ctx: BookingsContext,
  ): Promise<boolean> {
    return this.bookings.release(ctx, input.holdId);
  }

  @Authorized()
  @Mutation(() => ConfirmBookingResult, { description: "Turn your hold into a booking for a pet you own." })
  async confirmBooking(
    @Arg("input", () => ConfirmBookingInput, { description: "The hold and the pet." }) input: ConfirmBookingInput,
    @Ctx() ctx: BookingsContext,
  ) {
    const result = await this.bookings.confirm(ctx, input);
    return result === "EXPIRED" ? new HoldExpiredError() : asBooking(result);
  }

  @Authorized()
  @Mutation(() => CancelBookingResult, {
    description: "Cancel a booking: owners until the clinic's cut-off, clinic staff at any time with a reason.",
  })
  async cancelBooking(
    @Arg("input", () => CancelBookingInput, { description: "The booking." }) input: CancelBookingInput,
    @Ctx() ctx: BookingsContext,
  ) {
    const result = await this.bookings.cancel(ctx, input);
    if (result instanceof BookingEntity) return asBooking(result);
    return windowClosed(result.cutoff, "Owners can no longer cancel this booking online; please call the clinic.");
  }

  @Authorized()
  @Mutation(() => Booking, {
    description:
      "Record that nobody came to a booking (the clinic's staff, once it has started). Repeating it changes nothing.",
  })
  async markBookingNoShow(
    @Arg("input", () => MarkBookingNoShowInput, { description: "The booking." }) input: MarkBookingNoShowInput,
    @Ctx() ctx: BookingsContext,
  ): Promise<Booking> {
    return toBooking(await this.bookings.markNoShow(ctx, input));
  }

  @Authorized()
  @Mutation(() => RescheduleBookingResult, {
    description:
      "Move a booking to another free time: owners until the clinic's cut-off (as for cancelling), clinic staff at any time; if that fails the booking stays as it was.",
  })
  async rescheduleBooking(
    @Arg("input", () => RescheduleBookingInput, { description: "The booking and its new time." })
    input: RescheduleBookingInput,
    @Ctx() ctx: BookingsContext,
  ) {
    const result = await this.bookings.reschedule(ctx, input);
    if (result instanceof BookingEntity) return asBooking(result);
    if ("cutoff" in result)
      return windowClosed(result.cutoff, "Owners can no longer move this booking online; please call the clinic.");
    return slotError(result);
  }

  @Authorized()
  @Query(() => [Booking], {
    nullable: true,
    description:
      "A vet's confirmed appointments on one day, in the clinic's time zone (the vet, or staff of the clinic).",
  })
  async vetDaySchedule(
    @Arg("clinicId", () => ID, { description: "The clinic." }) clinicId: string,
    @Arg("vetId", () => ID, { description: "The vet." }) vetId: string,
    @Arg("date", () => LocalDateResolver, { description: "The day (YYYY-MM-DD, clinic time)." }) date: string,
    @Ctx() ctx: BookingsContext,
  ): Promise<Booking[]> {
    const clinic = await this.bookings.bookableClinic(ctx, clinicId, "clinicId");
    const vet = parseId(vetId, "vetId");
    if (ctx.viewer?.userId !== vet) requireClinicRole(ctx.viewer, clinic.id);
    await this.staff.requireMember(ctx, clinic.id, vet, "vetId");
    const day = DateTime.fromISO(date, { zone: clinic.timeZone }).startOf("day");
    const rows = await this.bookingReads.ofVet(vet, day.toJSDate(), day.plus({ days: 1 }).toJSDate());
    return rows.filter((r) => r.clinicId === clinic.id).map(toBooking);
  }

  @Authorized()
  @Query(() => BookingConnection, {
    nullable: true,
    description: "A clinic's bookings in a time window, in start order (staff of the clinic).",
  })
  async clinicCalendar(
    @Arg("clinicId", () => ID, { description: "The clinic." }) clinicId: string,
    @Arg("from", () => Date, { description: "Start of the window." }) from: Date,
    @Arg("to", () => Date, { description: "End of the window (exclusive, at most 62 days after from)." }) to: Date,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: BookingsContext,
  ): Promise<Connection<Booking>> {
    return this.bookings.calendar(ctx, clinicId, { from, to }, args);
  }

  @FieldResolver(() => Clinic, { description: "The clinic." })
  async clinic(@Root() booking: Booking, @Ctx() ctx: BookingsContext): Promise<Clinic> {
    const clinic = await ctx.loaders.clinic.load(booking.clinic.id);
    if (!clinic) throw new NotFoundError("Clinic");
    return toClinic(clinic);
  }

  @FieldResolver(() => ClinicServiceType, { description: "What was booked." })
  async service(@Root() booking: Booking, @Ctx() ctx: BookingsContext): Promise<ClinicServiceType> {
    const service = await ctx.loaders.service.load(booking.serviceId);
    if (!service) throw new NotFoundError("Service");
    return toClinicService(service);
  }
}

@Resolver(() => SlotHold)
export class SlotHoldResolver {
  @FieldResolver(() => Clinic, { description: "The clinic." })
  async clinic(@Root() hold: SlotHold, @Ctx() ctx: BookingsContext): Promise<Clinic> {
    return toClinic((await ctx.loaders.clinic.load(hold.clinic.id))!);
  }

  @FieldResolver(() => ClinicServiceType, { description: "The service." })
  async service(@Root() hold: SlotHold, @Ctx() ctx: BookingsContext): Promise<ClinicServiceType> {
    return toClinicService((await ctx.loaders.service.load(hold.serviceId))!);
  }
}

function windowClosed(cutoff: Date, message: string): CancellationWindowClosedError {
  return Object.assign(new CancellationWindowClosedError(), { cutoff, message });
}
