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
    intervals =
      o.kind === "OFF" ? intervals.flatMap((i) => i.difference(change)) : Interval.merge([...intervals, change]);
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
  const now = query.now.getTime();
  const earliest = now + query.minNoticeMinutes * 60_000;
  const latest = DateTime.fromJSDate(query.now, { zone }).plus({ days: query.maxAdvanceDays }).toMillis();
  const duration = query.durationMinutes * 60_000;
  const step = query.stepMinutes * 60_000;
  const before = query.bufferBeforeMinutes * 60_000;
  const after = query.bufferAfterMinutes * 60_000;
  // Wall-clock work happens per day with luxon; the inner loop runs on epoch milliseconds (minutes
  // are absolute time, so stepping across a DST jump stays correct) against busy time sorted by start.
  const busy = query.busy.map((b) => [b.start.getTime(), b.end.getTime()] as const).sort((a, b) => a[0] - b[0]);
  const slots: Slot[] = [];
  let day = DateTime.fromISO(query.fromDate, { zone }).startOf("day");
  const lastDay = DateTime.fromISO(query.toDate, { zone }).startOf("day");
  let firstBusy = 0;
  while (day <= lastDay) {
    for (const work of workingIntervals(day, query)) {
      const workEnd = work.end!.toMillis();
      for (let start = work.start!.toMillis(); start + duration <= workEnd; start += step) {
        if (start < earliest || start > latest) continue;
        const blockedStart = start - before;
        const blockedEnd = start + duration + after;
        while (firstBusy < busy.length && busy[firstBusy]![1] <= blockedStart && busy[firstBusy]![0] < blockedStart)
          firstBusy++;
        let clash = false;
        for (let i = firstBusy; i < busy.length && busy[i]![0] < blockedEnd; i++) {
          if (busy[i]![1] > blockedStart) {
            clash = true;
            break;
          }
        }
        if (!clash) slots.push({ start: new Date(start), end: new Date(start + duration) });
      }
    }
    day = day.plus({ days: 1 });
  }
  return slots;
}
