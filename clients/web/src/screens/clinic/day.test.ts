import { addDays, dayName, dayWindow } from "./day";

/* The clinic's day, midnight to midnight in its zone, whatever the browser's zone. */

describe("a clinic's day", () => {
  it("runs from midnight to midnight in the clinic's zone, 23 or 25 hours on a clock change", () => {
    expect(dayWindow("2026-12-03", "Europe/Berlin")).toEqual({
      from: "2026-12-02T23:00:00.000Z",
      to: "2026-12-03T23:00:00.000Z",
    });
    expect(dayWindow("2026-03-29", "Europe/Berlin")).toEqual({
      from: "2026-03-28T23:00:00.000Z",
      to: "2026-03-29T22:00:00.000Z",
    });
    expect(dayWindow("2026-10-25", "Europe/Berlin")).toEqual({
      from: "2026-10-24T22:00:00.000Z",
      to: "2026-10-25T23:00:00.000Z",
    });
    expect(dayWindow("2026-12-03", "Pacific/Kiritimati")).toEqual({
      from: "2026-12-02T10:00:00.000Z",
      to: "2026-12-03T10:00:00.000Z",
    });
    expect(dayWindow("2026-12-03", "America/St_Johns")).toEqual({
      from: "2026-12-03T03:30:00.000Z",
      to: "2026-12-04T03:30:00.000Z",
    });
    expect(dayWindow("2026-12-03", "UTC")).toEqual({
      from: "2026-12-03T00:00:00.000Z",
      to: "2026-12-04T00:00:00.000Z",
    });
  });

  it("steps across months and years, and names the day", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    // (ICU versions differ on the comma after the weekday.)
    expect(dayName("2026-12-03")).toMatch(/^Thursday,? 3 December 2026$/);
  });
});
