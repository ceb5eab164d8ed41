import "reflect-metadata";
import { validate } from "class-validator";
import { parse, validate as validateDocument, buildSchema } from "graphql";
import { hardenScalars, parseDateTime, parseLocalDate } from "./dates";
import { PlausibleDate } from "./plausible-date";

describe("parseLocalDate", () => {
  it.each(["2024-02-29", "1900-01-01", "2999-12-31", "2025-12-31"])("accepts %s", (value) => {
    expect(parseLocalDate(value)).toBe(value);
  });

  it.each([
    ["2025-02-30", /not a day of the calendar/],
    ["2023-02-29", /not a day of the calendar/],
    ["2025-13-01", /no such month/],
    ["2025-00-10", /no such month/],
    ["0000-01-01", /between 1900 and 2999/],
    ["1899-12-31", /between 1900 and 2999/],
    ["not-a-date", /YYYY-MM-DD/],
    ["2025-1-1", /YYYY-MM-DD/],
    ["2025-01-01T00:00:00Z", /YYYY-MM-DD/],
  ])("refuses %s", (value, reason) => {
    expect(() => parseLocalDate(value)).toThrow(reason);
  });

  it("refuses what is not a string", () => {
    expect(() => parseLocalDate(20250101)).toThrow(/string/);
  });
});

describe("parseDateTime", () => {
  it.each([
    ["2025-01-31T09:30:00Z", "2025-01-31T09:30:00.000Z"],
    ["2025-01-31T09:30:00.123+02:00", "2025-01-31T07:30:00.123Z"],
    ["2024-02-29t23:59:59z", "2024-02-29T23:59:59.000Z"],
  ])("accepts %s", (value, iso) => {
    expect(parseDateTime(value).toISOString()).toBe(iso);
  });

  it.each([
    ["2025-02-30T10:00:00Z", /not a day/],
    ["2025-03-01T25:00:00Z", /time of day/],
    ["2025-03-01T10:60:00Z", /time of day/],
    ["2025-03-01T10:00:00+24:00", /offset/],
    ["2025-03-01T10:00:00", /offset/],
    ["0000-01-01T00:00:00Z", /between/],
    ["not-a-date", /RFC 3339/],
  ])("refuses %s", (value, reason) => {
    expect(() => parseDateTime(value)).toThrow(reason);
  });
});

describe("hardenScalars", () => {
  it("makes an opaque LocalDate scalar of another schema refuse impossible dates", () => {
    const schema = hardenScalars(buildSchema("scalar LocalDate\ntype Query { on(day: LocalDate): Int }"));
    expect(validateDocument(schema, parse('{ on(day: "2024-02-29") }'))).toEqual([]);
    expect(validateDocument(schema, parse('{ on(day: "2025-02-30") }'))[0]?.message).toMatch(
      /not a day of the calendar/,
    );
  });
});

describe("@PlausibleDate", () => {
  class Input {
    @PlausibleDate({ notBefore: "1900-01-01", notInFuture: true })
    bornOn?: string | null;

    @PlausibleDate({ notBefore: "1990-01-01" })
    at?: Date | null;
  }
  const issues = async (values: Partial<Input>) =>
    (await validate(Object.assign(new Input(), values))).map((e) => [
      e.property,
      Object.values(e.constraints ?? {})[0],
    ]);

  it("accepts plausible dates and absent ones", async () => {
    expect(await issues({ bornOn: "2015-05-05", at: new Date("2000-01-01T00:00:00Z") })).toEqual([]);
    expect(await issues({ bornOn: null })).toEqual([]);
  });

  it("refuses dates before the field's earliest and in the future", async () => {
    expect(await issues({ bornOn: "1899-12-31" })).toEqual([
      ["bornOn", "must not be before 1900-01-01 and must not be in the future"],
    ]);
    expect(await issues({ bornOn: "2999-01-01" })).toHaveLength(1);
    expect(await issues({ at: new Date("1989-12-31T23:00:00Z") })).toEqual([["at", "must not be before 1990-01-01"]]);
  });
});
