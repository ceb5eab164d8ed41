import { loadEach, rowLoader } from "./loaders";

describe("loadEach", () => {
  it("loads every key in one batch, in order, with null for a missing row", async () => {
    const batches: (readonly string[])[] = [];
    const loader = rowLoader<string, { id: string }>(
      async (ids) => {
        batches.push(ids);
        return ids.filter((id) => id !== "b").map((id) => ({ id }));
      },
      (row) => row.id,
    );
    expect(await loadEach(loader, ["a", "b", "c"])).toEqual([{ id: "a" }, null, { id: "c" }]);
    expect(batches).toEqual([["a", "b", "c"]]);
  });

  it("rejects when the batch fails, where loadMany would hand the error back as a value (read as 'missing')", async () => {
    const failure = new Error("Connection terminated unexpectedly");
    const loader = rowLoader<string, { id: string }>(
      () => Promise.reject(failure),
      (row) => row.id,
    );
    await expect(loadEach(loader, ["a", "b"])).rejects.toBe(failure);
    expect(await loader.clearAll().loadMany(["a"])).toEqual([failure]);
  });
});
