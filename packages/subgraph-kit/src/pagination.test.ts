import "reflect-metadata";
import type { Connection } from "./pagination";
import { encodeCursor, keyset, pageLoader, paginate, MAX_PAGE_SIZE } from "./pagination";

interface Row {
  id: string;
  at: Date;
  parent: string;
}

const rows: Row[] = Array.from({ length: 7 }, (_, i) => ({
  id: String(i + 1),
  at: new Date(Date.UTC(2026, 0, 10 - i)),
  parent: i % 2 ? "b" : "a",
}));
const byAtDesc = keyset("date", "seq").of((r: Row) => [r.at, r.id]);
/** Newest first, ties by id descending: the order the repositories use. */
const fetchAfter = async ({ limit, after }: { limit: number; after: [Date, string] | undefined }) =>
  rows
    .filter(
      (r) => !after || r.at < after[0] || (r.at.getTime() === after[0].getTime() && Number(r.id) < Number(after[1])),
    )
    .slice(0, limit);

describe("paginate", () => {
  it("walks every row once, page by page, with pageInfo telling where it is", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pageNo = 0; pageNo < 10; pageNo++) {
      const page: Connection<string> = await paginate(
        { first: 3, after },
        { keyset: byAtDesc, fetch: fetchAfter, map: (r) => r.id },
      );
      seen.push(...page.edges.map((e) => e.node));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
  });

  it("asks for one row more than the page, and bounds first", async () => {
    const limits: number[] = [];
    const fetch = async (q: { limit: number }) => (limits.push(q.limit), rows.slice(0, q.limit));
    const page: Connection<string> = await paginate({}, { keyset: byAtDesc, fetch });
    expect(limits).toEqual([21]);
    expect(page.edges).toHaveLength(7);
    expect(page.pageInfo.hasNextPage).toBe(false);
    for (const first of [0, -1, MAX_PAGE_SIZE + 1, 1.5]) {
      await expect(paginate({ first }, { keyset: byAtDesc, fetch })).rejects.toMatchObject({
        code: "BAD_USER_INPUT",
        field: "first",
      });
    }
  });

  it("refuses a cursor it did not make, naming after, before fetching anything", async () => {
    let fetched = false;
    const fetch = async () => ((fetched = true), []);
    for (const after of [
      "garbage",
      encodeCursor(["x"]),
      encodeCursor(["not-a-date", "1"]),
      encodeCursor([new Date().toISOString(), "1; drop"]),
      encodeCursor([5, "1"]),
    ]) {
      await expect(paginate({ after }, { keyset: byAtDesc, fetch })).rejects.toMatchObject({
        code: "BAD_USER_INPUT",
        field: "after",
      });
    }
    expect(fetched).toBe(false);
  });

  it("keeps the cursor format the connections already handed out (base64url JSON of the key)", () => {
    const at = new Date("2026-03-01T10:00:00.000Z");
    expect(byAtDesc.encode([at, "42"])).toBe(encodeCursor(["2026-03-01T10:00:00.000Z", "42"]));
    expect(byAtDesc.decode(encodeCursor(["2026-03-01T10:00:00.000Z", "42"]))).toEqual([at, "42"]);
    expect(keyset("seq").decode(encodeCursor([42]))).toEqual(["42"]);
    expect(keyset("seq").decode(encodeCursor(["9223372036854775807"]))).toEqual(["9223372036854775807"]);
    for (const seq of ["9223372036854775808", "-1", -1, "1e3", 1.5])
      expect(() => keyset("seq").decode(encodeCursor([seq]))).toThrow("after is not a valid cursor");
    expect(keyset("number", "string").decode(encodeCursor([1.5, "x"]))).toEqual([1.5, "x"]);
    const id = "0b9a4c2e-8d1f-4e6a-a7b3-5c2d9e8f1a22";
    expect(keyset("string", "uuid").decode(encodeCursor(["Vet", id]))).toEqual(["Vet", id]);
    expect(() => keyset("string", "uuid").decode(encodeCursor(["Vet", "not-a-uuid"]))).toThrow(
      "after is not a valid cursor",
    );
  });
});

describe("pageLoader", () => {
  it("loads one page per parent, one statement per page shape", async () => {
    const calls: { parentIds: string[]; limit: number }[] = [];
    const loader = pageLoader<Row, [Date, string]>(
      async (parentIds, { limit }) => {
        calls.push({ parentIds, limit });
        const out: Row[] = [];
        for (const parent of parentIds) out.push(...rows.filter((r) => r.parent === parent).slice(0, limit));
        return out;
      },
      (row) => row.parent,
    );
    const [a, b, a2, none] = await Promise.all([
      loader.load({ parentId: "a", limit: 2, after: undefined }),
      loader.load({ parentId: "b", limit: 2, after: undefined }),
      loader.load({ parentId: "a", limit: 3, after: undefined }),
      loader.load({ parentId: "z", limit: 2, after: undefined }),
    ]);
    expect(a.map((r) => r.id)).toEqual(["1", "3"]);
    expect(b.map((r) => r.id)).toEqual(["2", "4"]);
    expect(a2.map((r) => r.id)).toEqual(["1", "3", "5"]);
    expect(none).toEqual([]);
    expect(calls).toEqual([
      { parentIds: ["a", "b", "z"], limit: 2 },
      { parentIds: ["a"], limit: 3 },
    ]);
  });

  it("serves as paginate's fetch", async () => {
    const loader = pageLoader<Row, [Date, string]>(
      async (parentIds, q) =>
        parentIds.flatMap((p) =>
          rows.filter((r) => r.parent === p && (!q.after || r.at < q.after[0])).slice(0, q.limit),
        ),
      (r) => r.parent,
    );
    const first = await paginate(
      { first: 2 },
      { keyset: byAtDesc, fetch: (q) => loader.load({ parentId: "a", ...q }) },
    );
    const second = await paginate(
      { first: 2, after: first.pageInfo.endCursor },
      { keyset: byAtDesc, fetch: (q) => loader.load({ parentId: "a", ...q }) },
    );
    expect([...first.edges, ...second.edges].map((e) => e.node.id)).toEqual(["1", "3", "5", "7"]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });
});
