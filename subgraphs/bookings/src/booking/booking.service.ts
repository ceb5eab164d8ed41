import type { DataSource } from "typeorm";
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  paginate,
  parseId,
  requireViewer,
  type Connection,
  type ConnectionArgs,
  type Viewer,
} from "@pawgraph/subgraph-kit";
import { CLINIC_ROLES, requireClinicRole, worksAt } from "../access/clinic-roles";
import type { ClinicStaff } from "../access/clinic-staff";
import type { AvailabilityService } from "../availability/availability.service";
import type { BookingsContext } from "../context";
import { ClinicEntity } from "../clinic/clinic.entity";
import { canSeeClinic } from "../clinic/clinic-visibility";
import type { ClinicServiceEntity } from "../clinic-service/clinic-service.entity";
import type { ClinicServiceService } from "../clinic-service/clinic-service.service";
import { BookingEntity } from "./booking.entity";
import { Announcer } from "./booking.events";
import type {
  CancelBookingInput,
  ConfirmBookingInput,
  HoldSlotInput,
  MarkBookingNoShowInput,
  RescheduleBookingInput,
} from "./booking.inputs";
import { toBooking } from "./booking.mapper";
import { BOOKING_PAGE, type BookingRepository } from "./booking.repository";
import type { Booking } from "./booking.type";
import type { MeetingProvider } from "./meeting-provider";

export type SlotOutcome = { ok: true } | { ok: false; taken: boolean; message: string };

const EXCLUSION_VIOLATION = "23P01";
const isSlotClash = (error: unknown) =>
  (error as { driverError?: { code?: string }; code?: string }).driverError?.code === EXCLUSION_VIOLATION ||
  (error as { code?: string }).code === EXCLUSION_VIOLATION;

/** `during`: the appointment plus the service's buffers, the range the exclusion constraint compares. */
const during = (service: ClinicServiceEntity, start: Date, end: Date) =>
  `[${new Date(start.getTime() - service.bufferBeforeMinutes * 60_000).toISOString()},${new Date(end.getTime() + service.bufferAfterMinutes * 60_000).toISOString()})`;

/**
 * Holds, bookings, cancellations and reschedules. Availability is checked first for a clear
 * answer, but the exclusion constraint on `appointments` decides every race: whoever loses gets
 * SlotTakenError, and nothing of theirs is written.
 */
export class BookingService {
  constructor(
    private readonly db: DataSource,
    private readonly appointments: BookingRepository,
    private readonly catalog: ClinicServiceService,
    private readonly availability: AvailabilityService,
    private readonly meetings: MeetingProvider,
    private readonly staff: ClinicStaff,
    /** Live holds one person may have at once (`MAX_LIVE_HOLDS_PER_USER`): holds are free, so without a cap one user could block a day. */
    private readonly maxLiveHolds = 2,
  ) {}

  /** A clinic the viewer may book at (approved, or their own): NOT_FOUND otherwise. */
  async bookableClinic(ctx: BookingsContext, clinicId: string, field = "input.clinicId"): Promise<ClinicEntity> {
    const clinic = await ctx.loaders.clinic.load(parseId(clinicId, field));
    if (!clinic || !canSeeClinic(ctx.viewer, clinic)) throw new NotFoundError("Clinic", field);
    return clinic;
  }

  /** Whether `start` is a slot this vet offers now: taken (by someone) or never offered. */
  async checkSlot(
    clinic: ClinicEntity,
    service: ClinicServiceEntity,
    vetId: string,
    start: Date,
    ignoreAppointmentId?: string,
  ): Promise<SlotOutcome> {
    const window = { from: start, to: new Date(start.getTime() + 60_000) };
    const search = { clinic, service, vetIds: [vetId], ...window, ignoreAppointmentId };
    if ((await this.availability.slots(search)).some((s) => s.start.getTime() === start.getTime())) return { ok: true };
    const offered = (await this.availability.slots({ ...search, ignoreBusy: true })).some(
      (s) => s.start.getTime() === start.getTime(),
    );
    return offered
      ? { ok: false, taken: true, message: "This time has just been taken." }
      : {
          ok: false,
          taken: false,
          message: "This time is not offered: outside working hours, too soon or too far ahead.",
        };
  }

  async hold(ctx: BookingsContext, input: HoldSlotInput): Promise<BookingEntity | SlotOutcome | { holdLimit: number }> {
    const viewer = requireViewer(ctx.viewer);
    const clinic = await this.bookableClinic(ctx, input.clinicId);
    const service = await this.catalog.get(clinic.id, input.serviceId);
    const vetId = parseId(input.vetId, "input.vetId");
    await this.staff.requireMember(ctx, clinic.id, vetId, "input.vetId");
    const startsAt = input.startsAt;
    const endsAt = new Date(startsAt.getTime() + service.durationMinutes * 60_000);
    const check = await this.checkSlot(clinic, service, vetId, startsAt);
    if (!check.ok) return check;
    try {
      return await this.db.transaction(async (tx) => {
        // One of the holder's holds at a time: two at once would both count the same live holds.
        await this.appointments.lockHoldsOf(tx, viewer.userId);
        if ((await this.appointments.liveHoldsOf(tx, viewer.userId)) >= this.maxLiveHolds)
          return { holdLimit: this.maxLiveHolds };
        // Lapsed holds stop blocking: expire the ones in the way, then let the exclusion constraint judge.
        await this.appointments.expireLapsedHolds(tx, vetId, during(service, startsAt, endsAt));
        const id = await this.appointments.insertHold(tx, {
          clinicId: clinic.id,
          serviceId: service.id,
          vetId,
          holderId: viewer.userId,
          startsAt,
          endsAt,
          during: during(service, startsAt, endsAt),
          holdSeconds: clinic.holdSeconds,
        });
        return tx.getRepository(BookingEntity).findOneByOrFail({ id });
      });
    } catch (error) {
      if (isSlotClash(error)) return { ok: false, taken: true, message: "This time has just been taken." };
      throw error;
    }
  }

  /** Deletes the viewer's own unconfirmed hold (live or lapsed), freeing its slot; anyone else's is NOT_FOUND. */
  async release(ctx: BookingsContext, holdId: string): Promise<boolean> {
    const viewer = requireViewer(ctx.viewer);
    if (!(await this.appointments.deleteHold(parseId(holdId, "input.holdId"), viewer.userId)))
      throw new NotFoundError("Hold", "input.holdId");
    return true;
  }

  /** Turns the viewer's live hold into a booking for a pet they own. */
  async confirm(ctx: BookingsContext, input: ConfirmBookingInput): Promise<BookingEntity | "EXPIRED"> {
    const viewer = requireViewer(ctx.viewer);
    const holdId = parseId(input.holdId, "input.holdId");
    const pet = await ctx.loaders.petFacts.load(parseId(input.petId, "input.petId"));
    if (!pet) throw new NotFoundError("Pet", "input.petId");
    if (pet.relationship !== "OWNER") throw new ForbiddenError("Only the pet's owners can book for it");
    if (pet.inactive)
      throw new BadUserInputError("input.petId", `${pet.name} has died or was archived, so it cannot be booked`);
    const hold = await this.appointments.heldBy(holdId, viewer.userId);
    // A retried confirmation (the app lost the first answer) gets the booking it already made.
    if (hold?.status === "CONFIRMED" && hold.petId === pet.petId) return hold;
    if (!hold || (hold.status !== "HELD" && hold.status !== "EXPIRED")) throw new NotFoundError("Hold", "input.holdId");
    const service = (await ctx.loaders.service.load(hold.serviceId))!;
    if (service.species.length && !service.species.includes(pet.species)) {
      throw new BadUserInputError("input.petId", `${service.name} is not offered for ${pet.species.toLowerCase()}s`);
    }
    const meetingUrl = service.kind === "TELEVET" ? await this.meetings.createRoom(hold.id) : null;
    return this.db.transaction(async (tx) => {
      const locked = await this.appointments.lockForConfirm(tx, hold.id);
      if (!locked || locked.status !== "HELD" || !locked.live) return "EXPIRED" as const;
      await this.appointments.confirm(tx, hold.id, {
        petId: pet.petId,
        notes: input.notes?.trim() || null,
        meetingUrl,
      });
      const booking = await tx.getRepository(BookingEntity).findOneByOrFail({ id: hold.id });
      await new Announcer(tx).confirmed(booking);
      return booking;
    });
  }

  /** Owners until the clinic's cut-off; the clinic's staff at any time, with a reason. */
  async cancel(ctx: BookingsContext, input: CancelBookingInput): Promise<BookingEntity | { cutoff: Date }> {
    const viewer = requireViewer(ctx.viewer);
    const booking = await this.managed(ctx, input.bookingId);
    const clinic = (await ctx.loaders.clinic.load(booking.clinicId))!;
    const asClinic = worksAt(viewer, booking.clinicId);
    if (asClinic && !input.reason?.trim())
      throw new BadUserInputError("input.reason", "Clinics must give a reason when cancelling");
    const closed = asClinic ? undefined : ownersWindowClosed(booking, clinic);
    if (closed) return closed;
    if (booking.status === "CANCELLED") return booking;
    return this.db.transaction(async (tx) => {
      await this.appointments.cancel(tx, booking.id, input.reason?.trim() || null, viewer.userId);
      const cancelled = await tx.getRepository(BookingEntity).findOneByOrFail({ id: booking.id });
      await new Announcer(tx).cancelled(cancelled, asClinic ? "CLINIC" : "OWNER");
      return cancelled;
    });
  }

  /**
   * The clinic's staff record that nobody came, once the appointment has started; the first record
   * is announced (`booking.no_show`), a repeat answers the booking as it is.
   */
  async markNoShow(ctx: BookingsContext, input: MarkBookingNoShowInput): Promise<BookingEntity> {
    const booking = await this.managed(ctx, input.bookingId);
    const staff = requireClinicRole(ctx.viewer, booking.clinicId);
    if (booking.status !== "CONFIRMED")
      throw new BadUserInputError("input.bookingId", "Only a confirmed booking can be a no-show");
    if (booking.startsAt.getTime() > Date.now())
      throw new BadUserInputError("input.bookingId", "A booking can be marked a no-show only once it has started");
    return this.db.transaction(async (tx) => {
      const marked = await this.appointments.markNoShow(tx, booking.id, staff.userId);
      const now = await tx.getRepository(BookingEntity).findOneByOrFail({ id: booking.id });
      if (marked) await new Announcer(tx).noShow(now, staff.userId);
      return now;
    });
  }

  /**
   * Moves a booking in one statement: the exclusion constraint accepts the new time or nothing changes.
   * Owners may move it until the clinic's cut-off, as they may cancel it (moving is cancelling that time).
   */
  async reschedule(
    ctx: BookingsContext,
    input: RescheduleBookingInput,
  ): Promise<BookingEntity | SlotOutcome | { cutoff: Date }> {
    const booking = await this.managed(ctx, input.bookingId);
    if (booking.status !== "CONFIRMED")
      throw new BadUserInputError("input.bookingId", "Only confirmed bookings can be moved");
    const clinic = (await ctx.loaders.clinic.load(booking.clinicId))!;
    const closed = worksAt(requireViewer(ctx.viewer), booking.clinicId)
      ? undefined
      : ownersWindowClosed(booking, clinic);
    if (closed) return closed;
    const service = (await ctx.loaders.service.load(booking.serviceId))!;
    const vetId = input.vetId ? parseId(input.vetId, "input.vetId") : booking.vetId;
    if (input.vetId) await this.staff.requireMember(ctx, booking.clinicId, vetId, "input.vetId");
    const startsAt = input.startsAt;
    const endsAt = new Date(startsAt.getTime() + service.durationMinutes * 60_000);
    const check = await this.checkSlot(clinic, service, vetId, startsAt, booking.id);
    if (!check.ok) return check;
    try {
      return await this.db.transaction(async (tx) => {
        await this.appointments.expireLapsedHolds(tx, vetId, during(service, startsAt, endsAt));
        await this.appointments.move(tx, booking.id, {
          vetId,
          startsAt,
          endsAt,
          during: during(service, startsAt, endsAt),
        });
        const moved = await tx.getRepository(BookingEntity).findOneByOrFail({ id: booking.id });
        await new Announcer(tx).rescheduled(moved, booking);
        return moved;
      });
    } catch (error) {
      if (isSlotClash(error)) return { ok: false, taken: true, message: "This time has just been taken." };
      throw error;
    }
  }

  /** A clinic's bookings in a window of at most 62 days, in start order; its staff only. */
  calendar(
    ctx: BookingsContext,
    clinicId: string,
    window: { from: Date; to: Date },
    args: ConnectionArgs,
  ): Promise<Connection<Booking>> {
    const id = parseId(clinicId, "clinicId");
    requireClinicRole(ctx.viewer, id);
    const { from, to } = window;
    if (to <= from || to.getTime() - from.getTime() > 62 * 86_400_000)
      throw new BadUserInputError("to", "must be after from, within 62 days");
    return paginate(args, {
      keyset: BOOKING_PAGE,
      fetch: ({ limit, after }) => this.appointments.ofClinic(id, from, to, limit, after),
      map: toBooking,
    });
  }

  /** A user's confirmed bookings that have not ended, soonest first; null for anyone but that user. */
  async upcoming(ctx: BookingsContext, userId: string, args: ConnectionArgs): Promise<Connection<Booking> | null> {
    if (ctx.viewer?.userId !== userId) return null;
    return paginate(args, {
      keyset: BOOKING_PAGE,
      fetch: ({ limit, after }) => this.appointments.upcomingOf(userId, limit, after),
      map: toBooking,
    });
  }

  /**
   * A pet's bookings, newest first: all of them for its owners and carers, those at their clinics for
   * clinic staff (pets tells which). Through the loader: a list of pets shares one statement.
   */
  async ofPet(ctx: BookingsContext, petId: string, args: ConnectionArgs): Promise<Connection<Booking>> {
    const facts = await ctx.loaders.petFacts.load(petId);
    if (!facts) throw new NotFoundError("Pet", "id");
    const clinicIds =
      facts.relationship === "CLINIC"
        ? [...new Set(ctx.viewer!.memberships.filter((m) => CLINIC_ROLES.includes(m.role)).map((m) => m.clinicId))]
        : undefined;
    return paginate(args, {
      keyset: BOOKING_PAGE,
      fetch: (page) => ctx.loaders.petBookings.load({ parentId: facts.petId, ...page, filter: clinicIds }),
      map: toBooking,
    });
  }

  /** A booking the viewer may change: they made it, or they work at its clinic. Others: NOT_FOUND. */
  private async managed(ctx: BookingsContext, bookingId: string): Promise<BookingEntity> {
    const viewer: Viewer = requireViewer(ctx.viewer);
    const booking = await this.appointments.byId(parseId(bookingId, "input.bookingId"));
    if (!booking || (booking.status !== "CONFIRMED" && booking.status !== "CANCELLED"))
      throw new NotFoundError("Booking", "input.bookingId");
    if (booking.holderId !== viewer.userId && !worksAt(viewer, booking.clinicId))
      throw new NotFoundError("Booking", "input.bookingId");
    return booking;
  }
}

/** The owners' cut-off (`cancelCutoffHours` before the start) when it has passed; clinics are not bound by it. */
function ownersWindowClosed(
  booking: BookingEntity,
  clinic: { cancelCutoffHours: number },
): { cutoff: Date } | undefined {
  const cutoff = new Date(booking.startsAt.getTime() - clinic.cancelCutoffHours * 3_600_000);
  return Date.now() > cutoff.getTime() ? { cutoff } : undefined;
}
