import { createLogger } from "./logger";
import { RevocationList, type RevocationEntry, type RevocationPage } from "./revocation";

/** A log in memory, read the way identity serves it: entries after a cursor, a page at a time. */
function log(pageSize = 2) {
  const entries: RevocationEntry[] = [];
  let down = false;
  let reads = 0;
  const inAMinute = () => new Date(Date.now() + 60_000).toISOString();
  return {
    reads: () => reads,
    down: (value: boolean) => (down = value),
    session: (userId: string, sessionId: string, expiresAt = inAMinute()) =>
      entries.push({ id: String(entries.length + 1), userId, sessionId, expiresAt }),
    version: (userId: string, minVersion: number, expiresAt = inAMinute()) =>
      entries.push({ id: String(entries.length + 1), userId, minVersion, expiresAt }),
    source: async (after: string | null): Promise<RevocationPage> => {
      reads++;
      if (down) throw new Error("connect ECONNREFUSED");
      const rest = entries.filter((e) => Number(e.id) > Number(after ?? 0));
      const page = rest.slice(0, pageSize);
      return { entries: page, cursor: page.at(-1)?.id ?? after, more: rest.length > pageSize, reset: false };
    },
  };
}

const quiet = createLogger("test");

describe("RevocationList", () => {
  it("refuses a revoked session's tokens and a user's tokens below the version, and nothing else", async () => {
    const identity = log();
    identity.session("ann", "ann-phone");
    identity.version("bob", 3);
    const list = new RevocationList(identity.source, 1_000, quiet);
    await list.refresh();
    expect(list.isRevoked({ userId: "ann", sessionId: "ann-phone", sessionVersion: 0 })).toBe(true);
    expect(list.isRevoked({ userId: "ann", sessionId: "ann-laptop", sessionVersion: 0 })).toBe(false);
    expect(list.isRevoked({ userId: "bob", sessionId: "bob-1", sessionVersion: 2 })).toBe(true);
    expect(list.isRevoked({ userId: "bob", sessionId: "bob-2", sessionVersion: 3 })).toBe(false);
    // Tokens issued before `ver` existed count as version 0.
    expect(list.isRevoked({ userId: "bob" })).toBe(true);
    expect(list.isRevoked({ userId: "carl", sessionVersion: 0 })).toBe(false);
  });

  it("reads on from its cursor, page by page, and tells listeners whose tokens changed", async () => {
    const identity = log(2);
    const list = new RevocationList(identity.source, 1_000, quiet);
    const told: string[][] = [];
    list.onRevoked((users) => told.push([...users].sort()));
    await list.refresh();
    expect(told).toEqual([]);
    identity.session("ann", "s1");
    identity.session("bob", "s2");
    identity.version("carl", 1);
    await list.refresh();
    expect(told).toEqual([["ann", "bob", "carl"]]);
    const reads = identity.reads();
    await list.refresh();
    expect(identity.reads()).toBe(reads + 1);
    expect(told).toHaveLength(1);
  });

  it("keeps the last list while identity is down, and catches up when it is back", async () => {
    const identity = log();
    identity.session("ann", "s1");
    const list = new RevocationList(identity.source, 1_000, quiet);
    await list.refresh();
    identity.down(true);
    identity.session("bob", "s2");
    await list.refresh();
    expect(list.isRevoked({ userId: "ann", sessionId: "s1" })).toBe(true);
    expect(list.isRevoked({ userId: "bob", sessionId: "s2" })).toBe(false);
    identity.down(false);
    await list.refresh();
    expect(list.isRevoked({ userId: "bob", sessionId: "s2" })).toBe(true);
  });

  it("does not hold start-up while identity cannot be reached, and polls on", async () => {
    const identity = log();
    identity.down(true);
    const list = new RevocationList(identity.source, 20, quiet);
    await list.start();
    identity.down(false);
    identity.session("ann", "s1");
    await new Promise((resolve) => setTimeout(resolve, 100));
    list.stop();
    expect(list.isRevoked({ userId: "ann", sessionId: "s1" })).toBe(true);
  });

  it("waits a moment for an identity that is starting beside it", async () => {
    const identity = log();
    identity.session("ann", "s1");
    identity.down(true);
    setTimeout(() => identity.down(false), 400);
    const list = new RevocationList(identity.source, 1_000, quiet);
    await list.start();
    list.stop();
    expect(list.isRevoked({ userId: "ann", sessionId: "s1" })).toBe(true);
  });

  it("forgets entries whose tokens have all expired", async () => {
    const identity = log();
    identity.session("ann", "s1", new Date(Date.now() - 1).toISOString());
    identity.version("bob", 2, new Date(Date.now() - 1).toISOString());
    const list = new RevocationList(identity.source, 1_000, quiet);
    await list.refresh();
    expect(list.isRevoked({ userId: "ann", sessionId: "s1" })).toBe(false);
    expect(list.isRevoked({ userId: "bob", sessionVersion: 0 })).toBe(false);
  });
});
