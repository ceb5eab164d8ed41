import { BadUserInputError } from "./errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else is the caller's mistake, reported on the field that carried it. */
export function parseId(value: string, field: string): string {
  if (!UUID.test(value)) throw new BadUserInputError(field, `${field} is not a valid id`);
  return value.toLowerCase();
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
