import { DateTime } from "luxon";
import { computeSlots, type SlotQuery } from "./slot-calculator";

const base: SlotQuery = {
  timeZone: "Europe/Berlin",
  fromDate: "2026-03-27",
  toDate: "2026-03-31",
  hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, starts: "09:00", ends: "11:00" })),
  overrides: [],
  durationMinutes: 30,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  busy: [],
  now: new Date("2026-03-01T00:00:00Z"),
  minNoticeMinutes: 0,
  maxAdvanceDays: 365,
  stepMinutes: 30,
};

const local = (slots: { start: Date }[], zone = "Europe/Berlin") =>
  slots.map((s) => DateTime.fromJSDate(s.start, { zone }).toFormat("yyyy-MM-dd HH:mm"));

describe("computeSlots", () => {
  it("keeps local opening hours across the spring DST change (Europe/Berlin, 29 March 2026)", () => {
    const slots = computeSlots(base);
    const byDay = (day: string) => local(slots).filter((s) => s.startsWith(day));
    for (const day of ["2026-03-28", "2026-03-29", "2026-03-30"]) {
      expect(byDay(day)).toEqual([`${day} 09:00`, `${day} 09:30`, `${day} 10:00`, `${day} 10:30`]);
    }
    // Same wall-clock time, different UTC offset: +01:00 before the change, +02:00 after.
    const saturday = slots.find((s) => local([s])[0] === "2026-03-28 09:00")!;
    const sunday = slots.find((s) => local([s])[0] === "2026-03-29 09:00")!;
    expect(saturday.start.toISOString()).toBe("2026-03-28T08:00:00.000Z");
    expect(sunday.start.toISOString()).toBe("2026-03-29T07:00:00.000Z");
  });

  it("handles hours that span the skipped hour (02:00-03:00 does not exist on 29 March)", () => {
    const slots = computeSlots({
      ...base,
      fromDate: "2026-03-29",
      toDate: "2026-03-29",
      hours: [{ weekday: 7, starts: "01:00", ends: "04:00" }],
      stepMinutes: 60,
      durationMinutes: 60,
    });
    // 01:00 CET, then 03:00 CEST: two real hours of work between 01:00 and 04:00 local.
    expect(local(slots)).toEqual(["2026-03-29 01:00", "2026-03-29 03:00"]);
    expect(slots.map((s) => s.end.getTime() - s.start.getTime())).toEqual([3_600_000, 3_600_000]);
  });

  it("keeps local hours across the autumn change (25 October 2026)", () => {
    const slots = computeSlots({ ...base, fromDate: "2026-10-24", toDate: "2026-10-26" });
    expect(local(slots).filter((s) => s.endsWith("09:00"))).toEqual([
      "2026-10-24 09:00",
      "2026-10-25 09:00",
      "2026-10-26 09:00",
    ]);
    expect(slots.find((s) => local([s])[0] === "2026-10-26 09:00")!.start.toISOString()).toBe(
      "2026-10-26T08:00:00.000Z",
    );
  });

  it("leaves out busy time including buffers, time off, the minimum notice and the horizon", () => {
    const slots = computeSlots({
      ...base,
      fromDate: "2026-03-30",
      toDate: "2026-04-02",
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 10,
      busy: [{ start: new Date("2026-03-30T08:00:00Z"), end: new Date("2026-03-30T08:30:00Z") }], // 10:00-10:30 local
      overrides: [
        { date: "2026-03-31", kind: "OFF", starts: null, ends: null },
        { date: "2026-04-01", kind: "OFF", starts: "10:00", ends: "11:00" },
        { date: "2026-04-01", kind: "EXTRA", starts: "14:00", ends: "15:00" },
      ],
      now: new Date("2026-03-30T07:05:00Z"), // 09:05 local
      minNoticeMinutes: 60,
      maxAdvanceDays: 3,
    });
    expect(local(slots)).toEqual([
      // 30 March: before 10:05 is too soon; 10:00-10:30 is busy and its buffers also block 10:30.
      // 31 March: off. 1 April: 09:00-10:00 and the extra 14:00-15:00.
      // 2 April: the 3-day horizon ends at 09:05, so only 09:00.
      "2026-04-01 09:00",
      "2026-04-01 09:30",
      "2026-04-01 14:00",
      "2026-04-01 14:30",
      "2026-04-02 09:00",
    ]);
  });
});
