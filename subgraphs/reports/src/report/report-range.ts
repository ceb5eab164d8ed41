import { BadUserInputError } from "@pawgraph/subgraph-kit";

/** How report rows are grouped in time. */
export type Grouping = "DAY" | "WEEK" | "MONTH";

/** The longest range one report covers: two years of days stays a few hundred rows per series. */
export const MAX_RANGE_DAYS = 731;

/** A checked report range: whole local days [from, to] in `timeZone`, grouped by `grouping`. */
export interface ReportRange {
  from: string;
  to: string;
  grouping: Grouping;
  timeZone: string;
}

const DAY_MS = 86_400_000;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a range from the API (`field` names the argument in errors): `to` not before `from`, at most
 * MAX_RANGE_DAYS days, and an IANA time zone that Postgres and Node both know (default UTC).
 */
export function checkRange(
  input: { from: string; to: string; grouping: Grouping; timeZone?: string | null },
  field: string,
): ReportRange {
  const days = (Date.parse(`${input.to}T00:00:00Z`) - Date.parse(`${input.from}T00:00:00Z`)) / DAY_MS;
  if (!(days >= 0)) throw new BadUserInputError(`${field}.to`, "The range must end on or after its first day");
  if (days >= MAX_RANGE_DAYS)
    throw new BadUserInputError(`${field}.to`, `A report covers at most ${MAX_RANGE_DAYS} days`);
  const timeZone = input.timeZone ?? "UTC";
  if (timeZone.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timeZone) || !isTimeZone(timeZone))
    throw new BadUserInputError(`${field}.timeZone`, "An IANA time zone such as Europe/Berlin");
  return { from: input.from, to: input.to, grouping: input.grouping, timeZone };
}

/**
 * SQL fragments for a range: `$tz`, `$from`, `$to` and `$unit` are the parameters at `first`..;
 * `inRange(column)` keeps instants within the local days, `period(column)` is the local first day of
 * the column's DAY/WEEK (Monday)/MONTH as YYYY-MM-DD.
 */
export function rangeSql(range: ReportRange, first: number) {
  const [tz, from, to, unit] = [first, first + 1, first + 2, first + 3].map((n) => `$${n}`);
  return {
    params: [range.timeZone, range.from, range.to, range.grouping.toLowerCase()],
    inRange: (column: string) =>
      `${column} >= (${from}::date)::timestamp AT TIME ZONE ${tz} AND ${column} < ((${to}::date) + 1)::timestamp AT TIME ZONE ${tz}`,
    period: (column: string) => `to_char(date_trunc(${unit}, ${column} AT TIME ZONE ${tz}), 'YYYY-MM-DD')`,
    /** For a `date` column (already local): within the days, and its period. */
    dateInRange: (column: string) => `${column} BETWEEN ${from}::date AND ${to}::date`,
    datePeriod: (column: string) => `to_char(date_trunc(${unit}, ${column}::timestamp), 'YYYY-MM-DD')`,
  };
}

/** `rangeSql` without grouping, for ungrouped lists (Postgres refuses parameters a statement never uses). */
export function boundsSql(range: ReportRange, first: number) {
  const [tz, from, to] = [first, first + 1, first + 2].map((n) => `$${n}`);
  return {
    params: [range.timeZone, range.from, range.to],
    inRange: (column: string) =>
      `${column} >= (${from}::date)::timestamp AT TIME ZONE ${tz} AND ${column} < ((${to}::date) + 1)::timestamp AT TIME ZONE ${tz}`,
  };
}
