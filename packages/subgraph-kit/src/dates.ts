import { GraphQLError, GraphQLScalarType, Kind, type GraphQLSchema, type ValueNode } from "graphql";
import { DateTimeISOResolver, LocalDateResolver } from "graphql-scalars";

/**
 * The range every date and time must fall in, whatever the field: a pet-care platform has nothing
 * before 1900 and nothing after 2999. Without it `0000-01-01` reached Postgres (year 0 does not
 * exist there) and came back as a 500. Fields narrow it further with `@PlausibleDate`.
 */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2999;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 date-time: a time and an offset are required (a time without one means nothing to a server).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Why a year-month-day is not a real, plausible calendar day, or undefined when it is. */
function calendarProblem(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return "has no such month";
  if (day < 1 || day > daysInMonth(year, month)) return "is not a day of the calendar";
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) return `must be between ${EARLIEST_YEAR} and ${LATEST_YEAR}`;
  return undefined;
}

/** A calendar date `YYYY-MM-DD` that exists (no 2025-02-30) within the plausible years, or a thrown error saying why not. */
export function parseLocalDate(value: unknown): string {
  if (typeof value !== "string") throw new TypeError("A date must be a string in the form YYYY-MM-DD");
  const match = LOCAL_DATE.exec(value);
  if (!match) throw new TypeError("A date must be in the form YYYY-MM-DD");
  const problem = calendarProblem(Number(match[1]), Number(match[2]), Number(match[3]));
  if (problem) throw new TypeError(`The date ${value} ${problem}`);
  return value;
}

/** An RFC 3339 date-time with an offset, whose day and time exist, within the plausible years. */
export function parseDateTime(value: unknown): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError("Invalid date-time");
    return value;
  }
  if (typeof value !== "string")
    throw new TypeError("A date-time must be an RFC 3339 string such as 2025-01-31T09:30:00Z");
  const match = DATE_TIME.exec(value);
  if (!match)
    throw new TypeError("A date-time must be an RFC 3339 string with an offset, such as 2025-01-31T09:30:00Z");
  const [, year, month, day, hour, minute, second, , offsetHour, offsetMinute] = match;
  const problem =
    calendarProblem(Number(year), Number(month), Number(day)) ??
    (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59 ? "is not a time of day" : undefined) ??
    (offsetHour !== undefined && (Number(offsetHour) > 23 || Number(offsetMinute) > 59)
      ? "has an impossible offset"
      : undefined);
  if (problem) throw new TypeError(`The date-time ${value} ${problem}`);
  return new Date(value);
}

const literal = (parse: (value: unknown) => unknown) => (node: ValueNode) => {
  if (node.kind !== Kind.STRING) throw new GraphQLError("A date must be written as a string", { nodes: node });
  return parse(node.value);
};

/** `LocalDate` as graphql-scalars defines it (same name and output), strict on input. */
export const StrictLocalDate = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  parseValue: parseLocalDate,
  parseLiteral: literal(parseLocalDate),
});

/** `DateTimeISO` as type-graphql maps `Date` (same name and output), strict on input. */
export const StrictDateTimeISO = new GraphQLScalarType({
  ...DateTimeISOResolver.toConfig(),
  parseValue: parseDateTime,
  parseLiteral: literal(parseDateTime),
});

/** The strict input parsers by scalar name: what the kit's schemas and the gateway install. */
export const STRICT_SCALARS: Record<string, GraphQLScalarType> = {
  LocalDate: StrictLocalDate,
  DateTimeISO: StrictDateTimeISO,
};

/**
 * Makes the date scalars of a schema built elsewhere (the gateway's API schema, where they are
 * opaque and accept anything) parse input as strictly as the subgraphs do, so a bad date is
 * refused at the edge before any subgraph is called. Output (serialize) is left as it is.
 */
export function hardenScalars(schema: GraphQLSchema): GraphQLSchema {
  for (const [name, strict] of Object.entries(STRICT_SCALARS)) {
    const type = schema.getType(name);
    if (type instanceof GraphQLScalarType)
      Object.assign(type, { parseValue: strict.parseValue, parseLiteral: strict.parseLiteral });
  }
  return schema;
}
