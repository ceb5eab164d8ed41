/**
 * The calendar of a care plan, pure: run dates are counted from an anchor date, never chained from
 * the previous run, so a plan anchored on Jan 31 runs Feb 28 (29), Mar 31, Apr 30 and keeps its day
 * instead of drifting to the 28th. Dates are ISO calendar days (YYYY-MM-DD) in UTC.
 */
export type IntervalUnit = "WEEK" | "MONTH";

export interface PlanInterval {
  unit: IntervalUnit;
  count: number;
}

const DAY_MS = 86_400_000;

function parseDay(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return isoDay(new Date(parseDay(day).getTime() + days * DAY_MS));
}

/** `months` after `day`, on the same day of the month or the month's last day when it has fewer. */
export function addMonths(day: string, months: number): string {
  const start = parseDay(day);
  const firstOfTarget = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  return isoDay(
    new Date(
      Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth(), Math.min(start.getUTCDate(), lastDay)),
    ),
  );
}

/** The `index`-th run of a plan anchored on `anchor` (index 0 is the anchor itself). */
export function runDate(anchor: string, interval: PlanInterval, index: number): string {
  return interval.unit === "WEEK"
    ? addDays(anchor, 7 * interval.count * index)
    : addMonths(anchor, interval.count * index);
}

/** The first run index whose date is on or after `today` (at least `from`). */
export function firstRunOnOrAfter(anchor: string, interval: PlanInterval, from: number, today: string): number {
  let index = from;
  // Bounded: a plan paused for years still resolves in a few thousand steps at most.
  while (runDate(anchor, interval, index) < today && index < from + 10_000) index += 1;
  return index;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / DAY_MS);
}

/** The dunning schedule: a failed charge is retried this many days after the first failure. */
export const RETRY_AFTER_DAYS = [1, 3, 7] as const;

/**
 * When the next attempt after `failures` failed attempts is due, or null when the retries are spent
 * (the plan becomes PAST_DUE).
 */
export function nextRetryAt(firstFailedAt: Date, failures: number): Date | null {
  const days = RETRY_AFTER_DAYS[failures - 1];
  return days === undefined ? null : new Date(firstFailedAt.getTime() + days * DAY_MS);
}
