import { DateTime } from "luxon";
import { BadUserInputError } from "@pawgraph/subgraph-kit";
import type { BookingRepository } from "../booking/booking.repository";
import type { ClinicEntity } from "../clinic/clinic.entity";
import type { ScheduleService } from "../schedule/schedule.service";
import type { ClinicServiceEntity } from "../clinic-service/clinic-service.entity";
import { computeSlots, type Slot } from "./slot-calculator";

export interface VetSlot extends Slot {
  vetId: string;
}

export interface SlotSearch {
  clinic: ClinicEntity;
  service: ClinicServiceEntity;
  vetIds: string[];
  from: Date;
  to: Date;
  /** An appointment to leave out of "busy" (the booking being rescheduled). */
  ignoreAppointmentId?: string;
  /** Leave existing appointments out entirely: tells "taken" apart from "never offered". */
  ignoreBusy?: boolean;
}

const MAX_RANGE_DAYS = 31;

/** Free slots per vet: schedules, overrides and appointments from the repositories, the arithmetic in `computeSlots`. */
export class AvailabilityService {
  constructor(
    private readonly appointments: BookingRepository,
    private readonly schedules: ScheduleService,
    private readonly stepMinutes: number,
  ) {}

  async slots(search: SlotSearch): Promise<VetSlot[]> {
    const { clinic, service, from, to } = search;
    if (to <= from) throw new BadUserInputError("to", "must be after from");
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000)
      throw new BadUserInputError("to", `ask for at most ${MAX_RANGE_DAYS} days at once`);
    const fromDate = DateTime.fromJSDate(from, { zone: clinic.timeZone }).toISODate()!;
    const toDate = DateTime.fromJSDate(to, { zone: clinic.timeZone }).toISODate()!;
    const hours = await this.schedules.hoursOf(clinic.id, search.vetIds);
    const vetIds = [...hours.keys()];
    if (vetIds.length === 0) return [];
    const overrides = await this.schedules.overridesOf(clinic.id, vetIds, fromDate, toDate);
    const busy = search.ignoreBusy
      ? new Map<string, { start: Date; end: Date }[]>()
      : await this.busy(vetIds, from, to, search.ignoreAppointmentId);
    const now = new Date();
    const slots: VetSlot[] = [];
    for (const vetId of vetIds) {
      const vetSlots = computeSlots({
        timeZone: clinic.timeZone,
        fromDate,
        toDate,
        hours: hours.get(vetId) ?? [],
        overrides: overrides.get(vetId) ?? [],
        durationMinutes: service.durationMinutes,
        bufferBeforeMinutes: service.bufferBeforeMinutes,
        bufferAfterMinutes: service.bufferAfterMinutes,
        busy: busy.get(vetId) ?? [],
        now,
        minNoticeMinutes: clinic.minNoticeMinutes,
        maxAdvanceDays: clinic.maxAdvanceDays,
        stepMinutes: this.stepMinutes,
      });
      for (const slot of vetSlots) if (slot.start >= from && slot.start < to) slots.push({ ...slot, vetId });
    }
    return slots.sort((a, b) => a.start.getTime() - b.start.getTime() || a.vetId.localeCompare(b.vetId));
  }

  /** Live appointments (bookings, unexpired holds) with their buffers, per vet, around the range. */
  private async busy(
    vetIds: string[],
    from: Date,
    to: Date,
    ignoreId?: string,
  ): Promise<Map<string, { start: Date; end: Date }[]>> {
    const rows = await this.appointments.busy(
      vetIds,
      new Date(from.getTime() - 86_400_000),
      new Date(to.getTime() + 86_400_000),
      ignoreId,
    );
    const byVet = new Map<string, { start: Date; end: Date }[]>();
    for (const row of rows) byVet.set(row.vetId, [...(byVet.get(row.vetId) ?? []), { start: row.start, end: row.end }]);
    return byVet;
  }
}
