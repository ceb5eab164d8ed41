import { DateTime } from "luxon";
import type { DataSource } from "typeorm";
import { BadUserInputError, parseId, type BaseContext } from "@pawgraph/subgraph-kit";
import { requireClinicRole } from "../access/clinic-roles";
import type { ClinicStaff } from "../access/clinic-staff";
import type { ScheduleOverride, WeeklyHours } from "../availability/slot-calculator";
import { BookingEntity } from "../booking/booking.entity";
import { ClinicEntity } from "../clinic/clinic.entity";
import { ScheduleOverrideEntity, VetHoursEntity } from "./schedule.entity";
import type { AddScheduleOverrideInput, SetVetHoursInput } from "./schedule.inputs";

const hhmm = (time: string) => time.slice(0, 5);

/** Vets' weekly hours and date overrides per clinic; clinic admins manage them. */
export class ScheduleService {
  constructor(
    private readonly db: DataSource,
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
      if (input.hours.length) await tx.getRepository(VetHoursEntity).insert(input.hours.map((h) => ({ clinicId, vetId, ...h })));
    });
    return (await this.hoursOf(clinicId, [vetId])).get(vetId) ?? [];
  }

  /**
   * Adds time off or extra hours. Time off over the vet's confirmed bookings is refused with those
   * bookings (nothing is written): the clinic moves or cancels them first, so owners are told.
   */
  async addOverride(ctx: BaseContext, input: AddScheduleOverrideInput): Promise<ScheduleOverrideEntity | { inTheWay: BookingEntity[] }> {
    const clinicId = parseId(input.clinicId, "input.clinicId");
    const vetId = parseId(input.vetId, "input.vetId");
    requireClinicRole(ctx.viewer, clinicId, ["CLINIC_ADMIN"]);
    await this.staff.requireMember(ctx, clinicId, vetId, "input.vetId");
    if (!!input.starts !== !!input.ends) throw new BadUserInputError("input.ends", "give both times, or neither for a whole day");
    if (input.starts && input.ends && input.ends <= input.starts) throw new BadUserInputError("input.ends", "must be after starts");
    if (input.kind === "EXTRA" && !input.starts) throw new BadUserInputError("input.starts", "extra hours need times");
    if (input.kind === "OFF") {
      const inTheWay = await this.confirmedDuring(clinicId, vetId, input.date, input.starts ?? null, input.ends ?? null);
      if (inTheWay.length) return { inTheWay };
    }
    const repository = this.db.getRepository(ScheduleOverrideEntity);
    const saved = await repository.save(repository.create({ clinicId, vetId, onDate: input.date, kind: input.kind, starts: input.starts ?? null, ends: input.ends ?? null }));
    return repository.findOneByOrFail({ id: saved.id });
  }

  /** The vet's confirmed bookings overlapping `date` (or its `starts`-`ends`), in the clinic's time zone. */
  private async confirmedDuring(clinicId: string, vetId: string, date: string, starts: string | null, ends: string | null): Promise<BookingEntity[]> {
    const { timeZone } = await this.db.getRepository(ClinicEntity).findOneOrFail({ where: { id: clinicId }, select: { timeZone: true } });
    const day = DateTime.fromISO(date, { zone: timeZone });
    const from = starts ? DateTime.fromISO(`${date}T${starts}`, { zone: timeZone }) : day.startOf("day");
    const to = ends ? DateTime.fromISO(`${date}T${ends}`, { zone: timeZone }) : day.plus({ days: 1 }).startOf("day");
    return this.db
      .getRepository(BookingEntity)
      .createQueryBuilder("a")
      .where("a.clinic_id = :clinicId AND a.vet_id = :vetId AND a.status = 'CONFIRMED'", { clinicId, vetId })
      .andWhere("a.starts_at < :to AND a.ends_at > :from", { from: from.toJSDate(), to: to.toJSDate() })
      .orderBy("a.starts_at")
      .getMany();
  }

  /** Weekly hours per vet at a clinic (all vets with hours when `vetIds` is empty). */
  async hoursOf(clinicId: string, vetIds: string[]): Promise<Map<string, WeeklyHours[]>> {
    const query = this.db.getRepository(VetHoursEntity).createQueryBuilder("h").where("h.clinic_id = :clinicId", { clinicId });
    if (vetIds.length) query.andWhere("h.vet_id = ANY(:vetIds)", { vetIds });
    const rows = await query.orderBy("h.weekday").addOrderBy("h.starts").getMany();
    const byVet = new Map<string, WeeklyHours[]>();
    for (const row of rows) byVet.set(row.vetId, [...(byVet.get(row.vetId) ?? []), { weekday: row.weekday, starts: hhmm(row.starts), ends: hhmm(row.ends) }]);
    return byVet;
  }

  async overridesOf(clinicId: string, vetIds: string[], fromDate: string, toDate: string): Promise<Map<string, ScheduleOverride[]>> {
    const rows = await this.db
      .getRepository(ScheduleOverrideEntity)
      .createQueryBuilder("o")
      .where("o.clinic_id = :clinicId AND o.vet_id = ANY(:vetIds) AND o.on_date BETWEEN :fromDate AND :toDate", { clinicId, vetIds, fromDate, toDate })
      .getMany();
    const byVet = new Map<string, ScheduleOverride[]>();
    for (const row of rows) {
      const override = { date: row.onDate, kind: row.kind as "OFF" | "EXTRA", starts: row.starts && hhmm(row.starts), ends: row.ends && hhmm(row.ends) };
      byVet.set(row.vetId, [...(byVet.get(row.vetId) ?? []), override]);
    }
    return byVet;
  }
}
