import { DateTime, Interval } from "luxon";

/** Weekly working hours: ISO weekday (1 = Monday) and local wall-clock times "HH:mm". */
export interface WeeklyHours {
  weekday: number;
  starts: string;
  ends: string;
}

/** A date-specific change: the whole day off (no times), time off, or extra hours. */
export interface ScheduleOverride {
  date: string;
  kind: "OFF" | "EXTRA";
  starts: string | null;
  ends: string | null;
}

export interface SlotQuery {
  timeZone: string;
  /** Local calendar days to look at, inclusive (YYYY-MM-DD). */
  fromDate: string;
  toDate: string;
  hours: WeeklyHours[];
  overrides: ScheduleOverride[];
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** Time already taken (bookings and live holds, buffers included), as UTC instants. */
  busy: { start: Date; end: Date }[];
  now: Date;
  minNoticeMinutes: number;
  maxAdvanceDays: number;
  stepMinutes: number;
}

export interface Slot {
  start: Date;
  end: Date;
}

const at = (day: DateTime, time: string): DateTime => {
  const [hour, minute] = time.split(":").map(Number);
  // Built from local wall-clock parts, so a working day keeps its local hours across DST changes.
  return day.set({ hour: hour!, minute: minute!, second: 0, millisecond: 0 });
};

/** Working intervals of one local day: weekly hours, minus time off, plus extra hours. */
function workingIntervals(day: DateTime, query: SlotQuery): Interval[] {
  const date = day.toISODate()!;
  const overrides = query.overrides.filter((o) => o.date === date);
  if (overrides.some((o) => o.kind === "OFF" && !o.starts)) return [];
  let intervals: Interval[] = query.hours
    .filter((h) => h.weekday === day.weekday)
    .map((h) => Interval.fromDateTimes(at(day, h.starts), at(day, h.ends)))
    .filter((i) => i.isValid);
  for (const o of overrides) {
    if (!o.starts || !o.ends) continue;
    const change = Interval.fromDateTimes(at(day, o.starts), at(day, o.ends));
    if (!change.isValid) continue;
    intervals = o.kind === "OFF" ? intervals.flatMap((i) => i.difference(change)) : Interval.merge([...intervals, change]);
  }
  return Interval.merge(intervals);
}

/**
 * Free appointment slots for one vet and service, computed in the clinic's time zone: every
 * `stepMinutes` within working time where the appointment plus its buffers fits, clashes with
 * nothing busy, respects the minimum notice and lies within the booking horizon. Correct across
 * daylight-saving changes because days and hours are built from local wall-clock time.
 */
export function computeSlots(query: SlotQuery): Slot[] {
  const zone = query.timeZone;
  const now = DateTime.fromJSDate(query.now, { zone });
  const earliest = now.plus({ minutes: query.minNoticeMinutes });
  const latest = now.plus({ days: query.maxAdvanceDays });
  const busy = query.busy.map((b) => Interval.fromDateTimes(DateTime.fromJSDate(b.start, { zone }), DateTime.fromJSDate(b.end, { zone })));
  const slots: Slot[] = [];
  let day = DateTime.fromISO(query.fromDate, { zone }).startOf("day");
  const lastDay = DateTime.fromISO(query.toDate, { zone }).startOf("day");
  while (day <= lastDay) {
    for (const work of workingIntervals(day, query)) {
      for (let start = work.start!; ; start = start.plus({ minutes: query.stepMinutes })) {
        const end = start.plus({ minutes: query.durationMinutes });
        if (end > work.end!) break;
        if (start < earliest || start > latest) continue;
        const blocked = Interval.fromDateTimes(start.minus({ minutes: query.bufferBeforeMinutes }), end.plus({ minutes: query.bufferAfterMinutes }));
        if (busy.some((b) => b.overlaps(blocked))) continue;
        slots.push({ start: start.toJSDate(), end: end.toJSDate() });
      }
    }
    day = day.plus({ days: 1 });
  }
  return slots;
}
