// Times shown in the clinic's time zone (the API computes slots there), days picked as YYYY-MM-DD.

/** `instant` as "Tue 8 Dec, 09:30" in `timeZone`. */
export function dateTime(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(instant));
}

/** `instant` as "09:30" in `timeZone`. */
export function clockTime(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }).format(new Date(instant));
}

/** The calendar day (YYYY-MM-DD) of `instant` in `timeZone`. */
export function dayOf(instant: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(instant),
  );
}

/**
 * A window sure to hold all of `day` in any zone (the day ±14 hours, UTC offsets span −12 to +14);
 * the slots in it are then kept by their day in the clinic's zone.
 */
export function windowAround(day: string): { from: string; to: string } {
  const start = Date.parse(`${day}T00:00:00Z`);
  const hour = 3_600_000;
  return { from: new Date(start - 14 * hour).toISOString(), to: new Date(start + 38 * hour).toISOString() };
}

/** "4 minutes 5 seconds", "30 seconds": remaining time in words. */
export function remaining(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts = [];
  if (minutes) parts.push(`${minutes} minute${minutes === 1 ? "" : "s"}`);
  if (rest || !minutes) parts.push(`${rest} second${rest === 1 ? "" : "s"}`);
  return parts.join(" ");
}
