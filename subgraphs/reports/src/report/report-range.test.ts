import { checkRange, MAX_RANGE_DAYS } from "./report-range";

describe("checkRange", () => {
  const range = { from: "2026-01-01", to: "2026-01-31", grouping: "DAY" as const };

  it("defaults the time zone to UTC and keeps the days", () => {
    expect(checkRange(range, "range")).toEqual({ ...range, timeZone: "UTC" });
  });

  it("refuses a range that ends before it starts, one that is too long, and an unknown time zone", () => {
    const fieldOf = (input: Parameters<typeof checkRange>[0]) => {
      try {
        checkRange(input, "range");
        return "accepted";
      } catch (error) {
        return (error as { field?: string }).field;
      }
    };
    expect(fieldOf({ ...range, to: "2025-12-31" })).toBe("range.to");
    expect(fieldOf({ ...range, to: "2028-01-02" })).toBe("range.to");
    expect(fieldOf({ ...range, timeZone: "Mars/Olympus" })).toBe("range.timeZone");
    expect(fieldOf({ ...range, timeZone: "UTC'; DROP TABLE x; --" })).toBe("range.timeZone");
    expect(fieldOf({ ...range, to: "2027-12-31" })).toBe("accepted"); // 729 days
    expect(MAX_RANGE_DAYS).toBe(731);
  });
});
