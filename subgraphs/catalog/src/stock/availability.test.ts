import { assignLines, availableOf, crossedLowLevel, linesProblem, planTakes, type LevelFigures } from "./availability";

const V1 = "00000000-0000-4000-8000-000000000001";
const V2 = "00000000-0000-4000-8000-000000000002";
const L1 = "00000000-0000-4000-8000-0000000000a1";
const L2 = "00000000-0000-4000-8000-0000000000a2";

const level = (overrides: Partial<LevelFigures>): LevelFigures => ({
  variantId: V1,
  locationId: L1,
  onHand: 10,
  allocated: 0,
  reservedByOthers: 0,
  threshold: 0,
  ...overrides,
});

describe("availableOf", () => {
  it("is on hand minus allocated, other carts' reservations and the threshold", () => {
    expect(availableOf(level({ onHand: 20, allocated: 5, reservedByOthers: 4, threshold: 2 }))).toBe(9);
  });

  it("never goes below zero", () => {
    expect(availableOf(level({ onHand: 3, allocated: 3, reservedByOthers: 0, threshold: 2 }))).toBe(0);
  });
});

describe("planTakes", () => {
  it("sums two lines of one variant before checking: each alone would pass, together they do not", () => {
    const lines = [
      { lineId: "a", variantId: V1, quantity: 3 },
      { lineId: "b", variantId: V1, quantity: 3 },
    ];
    expect(planTakes(lines, [level({ onHand: 5 })])).toEqual({
      ok: false,
      shortfall: { variantId: V1, requested: 6, available: 5 },
    });
  });

  it("takes from the location with most available first, then the next", () => {
    const plan = planTakes(
      [{ lineId: "a", variantId: V1, quantity: 7 }],
      [level({ locationId: L1, onHand: 3 }), level({ locationId: L2, onHand: 5 })],
    );
    expect(plan).toEqual({
      ok: true,
      takes: [
        { variantId: V1, locationId: L2, quantity: 5 },
        { variantId: V1, locationId: L1, quantity: 2 },
      ],
    });
  });

  it("serves a pinned line from its location only, and an unpinned one from what is left", () => {
    const levels = [level({ locationId: L1, onHand: 3 }), level({ locationId: L2, onHand: 5 })];
    const lines = [
      { lineId: "a", variantId: V1, quantity: 3, locationId: L1 },
      { lineId: "b", variantId: V1, quantity: 5 },
    ];
    const plan = planTakes(lines, levels);
    expect(plan.ok && assignLines(lines, plan.takes)).toEqual([
      { lineId: "a", variantId: V1, locationId: L1, quantity: 3 },
      { lineId: "b", variantId: V1, locationId: L2, quantity: 5 },
    ]);
    expect(planTakes([{ lineId: "a", variantId: V1, quantity: 4, locationId: L1 }], levels)).toMatchObject({
      ok: false,
      shortfall: { requested: 4, available: 8 },
    });
  });

  it("names the variant that lacks stock when another one has enough", () => {
    const plan = planTakes(
      [
        { lineId: "a", variantId: V1, quantity: 1 },
        { lineId: "b", variantId: V2, quantity: 2 },
      ],
      [level({ variantId: V1 }), level({ variantId: V2, onHand: 1 })],
    );
    expect(plan).toEqual({ ok: false, shortfall: { variantId: V2, requested: 2, available: 1 } });
  });

  it("refuses a variant without any stock level", () => {
    expect(planTakes([{ lineId: "a", variantId: V2, quantity: 1 }], [level({})])).toEqual({
      ok: false,
      shortfall: { variantId: V2, requested: 1, available: 0 },
    });
  });
});

describe("crossedLowLevel", () => {
  it("fires on the change that reaches the level, not on later ones below it", () => {
    expect(crossedLowLevel(6, 5, 5)).toBe(true);
    expect(crossedLowLevel(5, 3, 5)).toBe(false);
    expect(crossedLowLevel(9, 7, 5)).toBe(false);
    expect(crossedLowLevel(9, 0, null)).toBe(false);
  });
});

describe("linesProblem", () => {
  it("names the first bad field", () => {
    expect(linesProblem([])).toEqual(["lines", "must hold 1 to 200 lines"]);
    expect(linesProblem([{ lineId: "a", variantId: "nope", quantity: 1 }])).toEqual([
      "lines.0.variantId",
      "must be a variant id",
    ]);
    expect(linesProblem([{ lineId: "a", variantId: V1, quantity: 1.5 }])?.[0]).toBe("lines.0.quantity");
    expect(linesProblem([{ lineId: "a", variantId: V1, quantity: 2 }])).toBeNull();
  });
});
