import { addDays, occurredAt } from "./record-time";

describe("record time", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2025-12-31", 365)).toBe("2026-12-31");
    expect(addDays(new Date("2024-03-31T23:30:00Z"), 30)).toBe("2024-04-30");
  });

  it("refuses times in the future but tolerates clock skew", () => {
    expect(() => occurredAt(new Date(Date.now() + 3_600_000))).toThrow(/future/);
    expect(occurredAt(new Date(Date.now() + 10_000))).toBeInstanceOf(Date);
    expect(occurredAt(undefined).getTime()).toBeLessThanOrEqual(Date.now());
  });
});
