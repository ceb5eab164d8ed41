import { BadUserInputError } from "@pawgraph/subgraph-kit";

/** Clocks differ a little between devices; a minute of slack keeps "now" from looking like the future. */
const CLOCK_SLACK_MS = 60_000;

/** When a record happened: the given time, or now; never in the future. */
export function occurredAt(value: Date | null | undefined, field = "input.occurredAt"): Date {
  const at = value ?? new Date();
  if (at.getTime() > Date.now() + CLOCK_SLACK_MS) throw new BadUserInputError(field, "must not be in the future");
  return at;
}

/** A calendar date (YYYY-MM-DD) plus whole days, in UTC. */
export function addDays(date: Date | string, days: number): string {
  const base = typeof date === "string" ? new Date(`${date}T00:00:00Z`) : date;
  return new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate() + days))
    .toISOString()
    .slice(0, 10);
}

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
