import { reciprocalRankFusion, RRF_K } from "./rrf";

describe("reciprocalRankFusion", () => {
  it("scores each id Σ 1/(k + rank) over the lists it is in, with k = 60", () => {
    expect(RRF_K).toBe(60);
    const fused = reciprocalRankFusion([
      ["a", "b", "c"],
      ["b", "a"],
      ["c", "b"],
    ]);
    const expected = {
      a: 1 / 61 + 1 / 62,
      b: 1 / 62 + 1 / 61 + 1 / 62,
      c: 1 / 63 + 1 / 61,
    };
    expect(fused.map((f) => f.id)).toEqual(["b", "a", "c"]);
    for (const f of fused) expect(f.score).toBeCloseTo(expected[f.id as keyof typeof expected], 12);
  });

  it("ranks an id found by every channel above one a single channel ranks first", () => {
    const fused = reciprocalRankFusion([
      ["solo", "agreed"],
      ["x", "agreed"],
      ["y", "agreed"],
    ]);
    expect(fused[0]!.id).toBe("agreed");
  });

  it("keeps the order of first appearance for ties, and handles empty lists", () => {
    expect(reciprocalRankFusion([["a", "b"], [], ["b", "a"]]).map((f) => f.id)).toEqual(["a", "b"]);
    expect(reciprocalRankFusion([[], []])).toEqual([]);
    expect(reciprocalRankFusion([])).toEqual([]);
  });

  it("takes another k", () => {
    expect(reciprocalRankFusion([["a"]], 1)).toEqual([{ id: "a", score: 0.5 }]);
  });
});
