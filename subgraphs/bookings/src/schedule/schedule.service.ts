import { DateTime } from "luxon";
import type { DataSource } from "typeorm";
import { BadUserInputError, parseId, type BaseContext } from "@pawgraph/subgraph-kit";
import { requireClinicRole } from "../access/clinic-roles";
import type { ClinicStaff } from "../access/clinic-staff";
import type { ScheduleOverride, WeeklyHours } from "../availability/slot-calculator";
import type { BookingEntity } from "../booking/booking.entity";
import type { BookingRepository } from "../booking/booking.repository";
import type { ClinicRepository } from "../clinic/clinic.repository";
import { VetHoursEntity, type ScheduleOverrideEntity } from "./schedule.entity";
import type { AddScheduleOverrideInput, SetVetHoursInput } from "./schedule.inputs";
import type { ScheduleRepository } from "./schedule.repository";

const hhmm = (time: string) => time.slice(0, 5);

/** Vets' weekly hours and date overrides per clinic; clinic admins manage them. */
export class ScheduleService {
  constructor(
    private readonly db: DataSource,
    private readonly schedules: ScheduleRepository,
    private readonly clinics: ClinicRepository,
    private readonly appointments: BookingRepository,
    private readonly staff: ClinicStaff,
  ) {}

  async setHours(ctx: BaseContext, input: SetVetHoursInput): Promise<WeeklyHours[]> {
    const clinicId = parseId(input.clinicId, "input.clinicId");
    const vetId = parseId(input.vetId, "input.vetId");
    requireClinicRole(ctx.viewer, clinicId, ["CLINIC_ADMIN"]);
    await this.staff.requireMember(ctx, clinicId, vetId, "input.vetId");
    input.hours.forEach((h, i) => {
      if (h.ends <= h.starts) throw new BadUserInputError(`input.hours.${i}.ends`, "must be after starts");
    });
    await this.db.transaction(async (tx) => {
      await tx.getRepository(VetHoursEntity).delete({ clinicId, vetId });
      if (input.hours.length)
        await tx.getRepository(VetHoursEntity).insert(input.hours.map((h) => ({ clinicId, vetId, ...h })));
    });
    return (await this.hoursOf(clinicId, [vetId])).get(vetId) ?? [];
  }

  /**
   * Adds time off or extra hours. Time off over the vet's confirmed bookings is refused with those
   * bookings (nothing is written): the clinic moves or cancels them first, so owners are told.
   */
  async addOverride(
    ctx: BaseContext,
    input: AddScheduleOverrideInput,
  ): Promise<ScheduleOverrideEntity | { inTheWay: BookingEntity[] }> {
    const clinicId = parseId(input.clinicId, "input.clinicId");
    const vetId = parseId(input.vetId, "input.vetId");
    requireClinicRole(ctx.viewer, clinicId, ["CLINIC_ADMIN"]);
    await this.staff.requireMember(ctx, clinicId, vetId, "input.vetId");
    if (!!input.starts !== !!input.ends)
      throw new BadUserInputError("input.ends", "give both times, or neither for a whole day");
    if (input.starts && input.ends && input.ends <= input.starts)
      throw new BadUserInputError("input.ends", "must be after starts");
    if (input.kind === "EXTRA" && !input.starts) throw new BadUserInputError("input.starts", "extra hours need times");
    if (input.kind === "OFF") {
      const inTheWay = await this.confirmedDuring(
        clinicId,
        vetId,
        input.date,
        input.starts ?? null,
        input.ends ?? null,
      );
      if (inTheWay.length) return { inTheWay };
    }
    return this.schedules.addOverride({
      clinicId,
      vetId,
      onDate: input.date,
      kind: input.kind,
      starts: input.starts ?? null,
      ends: input.ends ?? null,
    });
  }

  /** The vet's confirmed bookings overlapping `date` (or its `starts`-`ends`), in the clinic's time zone. */
  private async confirmedDuring(
    clinicId: string,
    vetId: string,
    date: string,
    starts: string | null,
    ends: string | null,
  ): Promise<BookingEntity[]> {
    const timeZone = await this.clinics.timeZoneOf(clinicId);
    const day = DateTime.fromISO(date, { zone: timeZone });
    const from = starts ? DateTime.fromISO(`${date}T${starts}`, { zone: timeZone }) : day.startOf("day");
    const to = ends ? DateTime.fromISO(`${date}T${ends}`, { zone: timeZone }) : day.plus({ days: 1 }).startOf("day");
    return this.appointments.confirmedOverlapping(clinicId, vetId, from.toJSDate(), to.toJSDate());
  }

  /** Weekly hours per vet at a clinic (all vets with hours when `vetIds` is empty). */
  async hoursOf(clinicId: string, vetIds: string[]): Promise<Map<string, WeeklyHours[]>> {
    const rows = await this.schedules.hoursOf(clinicId, vetIds);
    const byVet = new Map<string, WeeklyHours[]>();
    for (const row of rows)
      byVet.set(row.vetId, [
        ...(byVet.get(row.vetId) ?? []),
        { weekday: row.weekday, starts: hhmm(row.starts), ends: hhmm(row.ends) },
      ]);
    return byVet;
  }

  async overridesOf(
    clinicId: string,
    vetIds: string[],
    fromDate: string,
    toDate: string,
  ): Promise<Map<string, ScheduleOverride[]>> {
    const rows = await this.schedules.overridesOf(clinicId, vetIds, fromDate, toDate);
    const byVet = new Map<string, ScheduleOverride[]>();
    for (const row of rows) {
      const override = {
        date: row.onDate,
        kind: row.kind as "OFF" | "EXTRA",
        starts: row.starts && hhmm(row.starts),
        ends: row.ends && hhmm(row.ends),
      };
      byVet.set(row.vetId, [...(byVet.get(row.vetId) ?? []), override]);
    }
    return byVet;
  }
}
