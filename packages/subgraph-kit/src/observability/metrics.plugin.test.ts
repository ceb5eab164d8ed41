import { boundedOperationNames } from "./metrics.plugin";

describe("boundedOperationNames", () => {
  it("keeps known names, then the first `limit` others, and labels the rest `other`", () => {
    const label = boundedOperationNames(2, new Set(["MyPets"]));
    expect(["MyPets", "A", "B", "C", "A", "MyPets"].map(label)).toEqual(["MyPets", "A", "B", "other", "A", "MyPets"]);
  });

  it("labels anonymous operations and names no GraphQL document could hold", () => {
    const label = boundedOperationNames(10);
    expect([null, undefined, "", 'x"} 1\n', "a".repeat(101)].map(label)).toEqual([
      "anonymous",
      "anonymous",
      "anonymous",
      "other",
      "other",
    ]);
  });

  it("with a limit of 0 labels only the known names", () => {
    const label = boundedOperationNames(0, new Set(["Me"]));
    expect(["Me", "Evil"].map(label)).toEqual(["Me", "other"]);
  });
});
