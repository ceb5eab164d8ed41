import { registerDecorator, type ValidationOptions } from "class-validator";

const dayOf = (value: unknown): string | undefined =>
  typeof value === "string"
    ? value.slice(0, 10)
    : value instanceof Date && !Number.isNaN(value.getTime())
      ? value.toISOString().slice(0, 10)
      : undefined;

/** Clocks differ a little between devices; a day of slack keeps "today" in another time zone from looking like the future. */
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/**
 * A date or date-time field's plausible range, beyond the scalar's: `notBefore` (YYYY-MM-DD, e.g.
 * 1900-01-01 for a birth date, 1990-01-01 for a health record) and `notInFuture` (a day of slack
 * for time zones; services that need it exact check it themselves). A failure is BAD_USER_INPUT
 * naming `input.<field>`, like every class-validator failure.
 */
export function PlausibleDate(
  range: { notBefore?: string; notInFuture?: boolean },
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: "plausibleDate",
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => {
          if (value === null || value === undefined) return true;
          const day = dayOf(value);
          if (!day) return false;
          if (range.notBefore && day < range.notBefore) return false;
          return !(range.notInFuture && day > tomorrow());
        },
        defaultMessage: () =>
          [
            range.notBefore ? `must not be before ${range.notBefore}` : undefined,
            range.notInFuture ? "must not be in the future" : undefined,
          ]
            .filter(Boolean)
            .join(" and "),
      },
    });
  };
}
