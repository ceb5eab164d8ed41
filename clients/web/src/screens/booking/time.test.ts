import { clockTime, dayOf, remaining, windowAround } from "./time";

/* A day picked in the clinic's zone: the window asked for holds all of it, and the day of a slot is the clinic's. */

describe("booking times", () => {
  it("asks for a window holding the whole day in any zone, and keeps slots by their day in the clinic's zone", () => {
    const { from, to } = windowAround("2026-12-06");
    for (const zone of ["Pacific/Kiritimati", "Europe/Berlin", "Pacific/Pago_Pago", "UTC"]) {
      // Every quarter hour that is on the 6th in that zone lies in the window.
      let inside = 0;
      for (let t = Date.parse("2026-12-04T00:00:00Z"); t < Date.parse("2026-12-09T00:00:00Z"); t += 900_000) {
        if (dayOf(new Date(t), zone) !== "2026-12-06") continue;
        inside++;
        expect({ zone, at: new Date(t).toISOString(), inWindow: t >= Date.parse(from) && t < Date.parse(to) }).toEqual({
          zone,
          at: new Date(t).toISOString(),
          inWindow: true,
        });
      }
      expect(inside).toBe(96);
    }
    // 23:30 UTC on the 5th is the 6th in Berlin, and 00:30 on the 6th in Berlin's clock.
    expect(dayOf("2026-12-05T23:30:00Z", "Europe/Berlin")).toBe("2026-12-06");
    expect(clockTime("2026-12-05T23:30:00Z", "Europe/Berlin")).toBe("00:30");
    expect(dayOf("2026-12-05T23:30:00Z", "UTC")).toBe("2026-12-05");
  });

  it("says the time left in words", () => {
    expect(remaining(245)).toBe("4 minutes 5 seconds");
    expect(remaining(60)).toBe("1 minute");
    expect(remaining(1)).toBe("1 second");
    expect(remaining(0)).toBe("0 seconds");
  });
});
