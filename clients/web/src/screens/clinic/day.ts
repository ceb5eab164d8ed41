// A clinic's day in its own time zone, as the instants the API takes: the calendar asks for exactly that
// day (midnight to midnight there, 23 or 25 hours on a clock change), not for the day in the browser's zone.

const SECOND = 1000;

/** How far `timeZone`'s clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - Math.floor(instant / SECOND) * SECOND;
}

/** The instant `day` (YYYY-MM-DD) begins in `timeZone`. */
function startOf(day: string, timeZone: string): number {
  const midnight = Date.parse(`${day}T00:00:00Z`);
  // Twice: the offset at the first guess may differ from the one at the real start (a clock change between).
  const guess = midnight - offsetAt(midnight, timeZone);
  return midnight - offsetAt(guess, timeZone);
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** From the start of `day` in `timeZone` to the start of the next day there (exclusive), as ISO instants. */
export function dayWindow(day: string, timeZone: string): { from: string; to: string } {
  return {
    from: new Date(startOf(day, timeZone)).toISOString(),
    to: new Date(startOf(addDays(day, 1), timeZone)).toISOString(),
  };
}

/** "Thursday, 3 December 2026" for a YYYY-MM-DD day. */
export function dayName(day: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
