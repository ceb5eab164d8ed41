import { addMonths, firstRunOnOrAfter, nextRetryAt, runDate } from "./care-plan-dates";

describe("care plan dates", () => {
  it("keeps a month-end anchor at each month's end without drifting", () => {
    const monthly = { unit: "MONTH" as const, count: 1 };
    expect([1, 2, 3, 4].map((i) => runDate("2027-01-31", monthly, i))).toEqual([
      "2027-02-28",
      "2027-03-31",
      "2027-04-30",
      "2027-05-31",
    ]);
    expect(runDate("2028-01-31", monthly, 1)).toBe("2028-02-29");
    expect(addMonths("2027-03-31", 1)).toBe("2027-04-30");
  });

  it("counts several months and years across the year's end", () => {
    expect(runDate("2026-11-30", { unit: "MONTH", count: 3 }, 1)).toBe("2027-02-28");
    expect(runDate("2026-08-31", { unit: "MONTH", count: 6 }, 1)).toBe("2027-02-28");
    expect(runDate("2026-08-31", { unit: "MONTH", count: 6 }, 2)).toBe("2027-08-31");
    expect(runDate("2026-12-15", { unit: "MONTH", count: 12 }, 2)).toBe("2028-12-15");
  });

  it("counts weeks in days, across month and leap days", () => {
    expect(runDate("2028-02-22", { unit: "WEEK", count: 1 }, 1)).toBe("2028-02-29");
    expect(runDate("2026-12-29", { unit: "WEEK", count: 2 }, 3)).toBe("2027-02-09");
  });

  it("finds the first run on or after a day (resuming after a long pause)", () => {
    const monthly = { unit: "MONTH" as const, count: 1 };
    expect(firstRunOnOrAfter("2027-01-31", monthly, 1, "2027-04-15")).toBe(3);
    expect(firstRunOnOrAfter("2027-01-31", monthly, 1, "2027-02-28")).toBe(1);
    expect(firstRunOnOrAfter("2027-01-31", monthly, 5, "2027-01-01")).toBe(5);
  });

  it("retries after 1, 3 and 7 days from the first failure, then stops", () => {
    const failed = new Date("2027-03-01T06:00:00Z");
    expect(nextRetryAt(failed, 1)?.toISOString()).toBe("2027-03-02T06:00:00.000Z");
    expect(nextRetryAt(failed, 2)?.toISOString()).toBe("2027-03-04T06:00:00.000Z");
    expect(nextRetryAt(failed, 3)?.toISOString()).toBe("2027-03-08T06:00:00.000Z");
    expect(nextRetryAt(failed, 4)).toBeNull();
  });
});
