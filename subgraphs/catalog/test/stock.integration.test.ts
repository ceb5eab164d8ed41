import "reflect-metadata";
import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { createLogger } from "@pawgraph/subgraph-kit";
import { openCatalogDatabase } from "../src/data-source";
import { StockRepository } from "../src/stock/stock.repository";
import { StockService } from "../src/stock/stock.service";
import { createOwnDatabase } from "@pawgraph/subgraph-kit/src/testing/own-database";
import { ledgerCheck, stockBuilders } from "./stock-builders";

// The stock service against real Postgres: no overselling under concurrency, the ledger sums to the
// levels, idempotent retries, expiry, allocation, and no deadlocks (docs/decisions/0032).
const log = createLogger("catalog").child({}, { level: "silent" });
let own: Awaited<ReturnType<typeof createOwnDatabase>>;
let db: DataSource;
let stock: StockService;
let build: ReturnType<typeof stockBuilders>;

beforeAll(async () => {
  own = await createOwnDatabase("stock");
  ({ dataSource: db } = await openCatalogDatabase(own.url, log));
  stock = new StockService(new StockRepository(db), { reservationTtlSeconds: 900, extensionTtlSeconds: 900 });
  build = stockBuilders(db);
});
afterAll(async () => {
  await db?.destroy();
  await own?.drop();
});

const cart = () => `cart-${randomUUID()}`;
const line = (variantId: string, quantity: number, lineId: string = randomUUID()) => ({ lineId, variantId, quantity });

async function expectLedgerBalanced(variantIds: string[]): Promise<void> {
  const rows = await ledgerCheck(db, variantIds);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row.onHand).toBeGreaterThanOrEqual(0);
    expect(row.allocated).toBeGreaterThanOrEqual(0);
    expect({ onHand: row.ledgerOnHand, allocated: row.ledgerAllocated, reserved: row.ledgerReserved }).toEqual({
      onHand: row.onHand,
      allocated: row.allocated,
      reserved: row.reserved,
    });
  }
}

/** Moves a cart's reservations into the past, as if their TTL had run out. */
async function expire(cartId: string): Promise<void> {
  await db.query(
    `UPDATE catalog.stock_reservations SET expires_at = now() - interval '1 second', created_at = now() - interval '20 minutes' WHERE cart_id = $1`,
    [cartId],
  );
}

describe("reserving stock", () => {
  it("lets exactly 10 of 100 concurrent carts reserve the 10 units there are; the others learn what is available", async () => {
    const { variantId } = await build.buildStockedVariant(10);
    const carts = Array.from({ length: 100 }, cart);
    const outcomes = await Promise.all(
      carts.map((cartId) => stock.reserve({ cartId, idempotencyKey: `${cartId}:1`, lines: [line(variantId, 1)] })),
    );
    expect(outcomes.filter((o) => o.kind === "reserved")).toHaveLength(10);
    const refused = outcomes.filter((o) => o.kind === "insufficient");
    expect(refused).toHaveLength(90);
    for (const outcome of refused)
      expect(outcome).toEqual({ ok: false, kind: "insufficient", variantId, requested: 1, available: 0 });
    const [{ reserved }] = await db.query(
      `SELECT SUM(quantity)::int AS reserved FROM catalog.stock_reservations WHERE variant_id = $1`,
      [variantId],
    );
    expect(reserved).toBe(10);
    await expectLedgerBalanced([variantId]);
  });

  it("refuses two lines of one variant that together exceed the stock, and writes nothing but the outcome", async () => {
    const { variantId } = await build.buildStockedVariant(5);
    const cartId = cart();
    const outcome = await stock.reserve({
      cartId,
      idempotencyKey: `${cartId}:1`,
      lines: [line(variantId, 3), line(variantId, 3)],
    });
    expect(outcome).toEqual({ ok: false, kind: "insufficient", variantId, requested: 6, available: 5 });
    const [{ reservations, movements }] = await db.query(
      `SELECT (SELECT COUNT(*) FROM catalog.stock_reservations WHERE variant_id = $1)::int AS reservations,
              (SELECT COUNT(*) FROM catalog.stock_movements WHERE variant_id = $1)::int AS movements`,
      [variantId],
    );
    expect({ reservations, movements }).toEqual({ reservations: 0, movements: 1 });
    await expectLedgerBalanced([variantId]);
  });

  it("reserves once for a retried call with the same key, even when the retries race", async () => {
    const { variantId } = await build.buildStockedVariant(10);
    const cartId = cart();
    const request = { cartId, idempotencyKey: `${cartId}:1`, lines: [line(variantId, 4, "line-1")] };
    const outcomes = await Promise.all([stock.reserve(request), stock.reserve(request), stock.reserve(request)]);
    expect(outcomes[0]).toMatchObject({ ok: true, kind: "reserved", lines: [{ lineId: "line-1", quantity: 4 }] });
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
    expect(await stock.reserve(request)).toEqual(outcomes[0]);
    const [{ reserved, events }] = await db.query(
      `SELECT (SELECT SUM(quantity) FROM catalog.stock_reservations WHERE cart_id = $1)::int AS reserved,
              (SELECT COUNT(*) FROM catalog.outbox WHERE type LIKE 'stock.reserved%' AND payload->>'cartId' = $1)::int AS events`,
      [cartId],
    );
    expect({ reserved, events }).toEqual({ reserved: 4, events: 1 });
    await expectLedgerBalanced([variantId]);
  });

  it("replaces a cart's reservations when it reserves again with the next version", async () => {
    const { variantId } = await build.buildStockedVariant(10);
    const cartId = cart();
    await stock.reserve({ cartId, idempotencyKey: `${cartId}:1`, lines: [line(variantId, 8)] });
    // The cart's own 8 units do not count against it: it may change its mind to 10.
    const again = await stock.reserve({ cartId, idempotencyKey: `${cartId}:2`, lines: [line(variantId, 10)] });
    expect(again).toMatchObject({ kind: "reserved", lines: [{ quantity: 10 }] });
    const other = await stock.reserve({ cartId: cart(), idempotencyKey: randomUUID(), lines: [line(variantId, 1)] });
    expect(other).toMatchObject({ kind: "insufficient", available: 0 });
    await expectLedgerBalanced([variantId]);
  });

  it("frees an expired reservation's stock for the next cart", async () => {
    const { variantId } = await build.buildStockedVariant(3);
    const first = cart();
    await stock.reserve({ cartId: first, idempotencyKey: `${first}:1`, lines: [line(variantId, 3)] });
    const second = cart();
    expect(
      await stock.reserve({ cartId: second, idempotencyKey: `${second}:1`, lines: [line(variantId, 3)] }),
    ).toMatchObject({
      kind: "insufficient",
      available: 0,
    });
    await expire(first);
    const third = cart();
    expect(
      await stock.reserve({ cartId: third, idempotencyKey: `${third}:1`, lines: [line(variantId, 3)] }),
    ).toMatchObject({
      kind: "reserved",
    });
    // The lazy sweep deleted the expired rows, with a RELEASE movement: the ledger still balances.
    const [{ left }] = await db.query(
      `SELECT COUNT(*)::int AS left FROM catalog.stock_reservations WHERE cart_id = $1`,
      [first],
    );
    expect(left).toBe(0);
    await expectLedgerBalanced([variantId]);
  });

  it("keeps the variant's out-of-stock threshold back", async () => {
    const { variantId } = await build.buildStockedVariant(5, { threshold: 2 });
    const cartId = cart();
    expect(await stock.reserve({ cartId, idempotencyKey: `${cartId}:1`, lines: [line(variantId, 4)] })).toEqual({
      ok: false,
      kind: "insufficient",
      variantId,
      requested: 4,
      available: 3,
    });
  });

  it("takes from the location with most available first, and from a named location only when one is given", async () => {
    const { vendorId, variantId, locationId: small } = await build.buildStockedVariant(2);
    const large = await build.buildLocation(vendorId);
    await build.buildLevel(variantId, large, 5);
    const cartId = cart();
    const outcome = await stock.reserve({ cartId, idempotencyKey: `${cartId}:1`, lines: [line(variantId, 6)] });
    expect(outcome.ok && outcome.lines.map((l) => [l.locationId, l.quantity])).toEqual([
      [large, 5],
      [small, 1],
    ]);
    const pinned = cart();
    expect(
      await stock.reserve({
        cartId: pinned,
        idempotencyKey: `${pinned}:1`,
        lines: [{ ...line(variantId, 2), locationId: small }],
      }),
    ).toMatchObject({ kind: "insufficient", requested: 2, available: 1 });
    await expectLedgerBalanced([variantId]);
  });

  it("does not deadlock when two carts reserve the same two variants in opposite line order", async () => {
    const { vendorId, variantId: a, locationId } = await build.buildStockedVariant(1000);
    const b = await build.buildVariant(vendorId);
    await build.buildLevel(b, locationId, 1000);
    const rounds = Array.from({ length: 40 }, (_, i) => {
      const cartId = cart();
      const lines = i % 2 === 0 ? [line(a, 1), line(b, 1)] : [line(b, 1), line(a, 1)];
      return stock.reserve({ cartId, idempotencyKey: `${cartId}:1`, lines });
    });
    const outcomes = await Promise.all(rounds);
    expect(outcomes.every((o) => o.kind === "reserved")).toBe(true);
    await expectLedgerBalanced([a, b]);
  });

  it("refuses malformed lines as BAD_USER_INPUT naming the field, writing nothing", async () => {
    const cartId = cart();
    await expect(
      stock.reserve({ cartId, idempotencyKey: `${cartId}:1`, lines: [line(randomUUID(), 0)] }),
    ).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "lines.0.quantity" });
    await expect(stock.reserve({ cartId, idempotencyKey: `${cartId}:1`, lines: [] })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      field: "lines",
    });
    const [{ count }] = await db.query(
      `SELECT COUNT(*)::int AS count FROM catalog.stock_operations WHERE cart_id = $1`,
      [cartId],
    );
    expect(count).toBe(0);
  });
});

describe("extending, releasing and allocating", () => {
  it("extends once; a second extension is refused with the expiry it has", async () => {
    const { variantId } = await build.buildStockedVariant(5);
    const cartId = cart();
    await stock.reserve({ cartId, idempotencyKey: `${cartId}:1`, lines: [line(variantId, 1)] });
    const first = await stock.extend(cartId, `${cartId}:1`);
    expect(first).toMatchObject({ ok: true, kind: "extended" });
    expect(await stock.extend(cartId, `${cartId}:1`)).toEqual(first);
    expect(await stock.extend(cartId, `${cartId}:2`)).toMatchObject({ ok: false, kind: "alreadyExtended" });
    expect(await stock.extend(cart(), "nothing-here")).toEqual({ ok: false, kind: "noReservation" });
  });

  it("releases a cart's reservations with RELEASE movements and stock.released", async () => {
    const { variantId } = await build.buildStockedVariant(5);
    const cartId = cart();
    await stock.reserve({ cartId, idempotencyKey: `${cartId}:1`, lines: [line(variantId, 5)] });
    expect(await stock.release(cartId, `${cartId}:2`)).toEqual({ ok: true, kind: "released", cartId, units: 5 });
    expect(await stock.release(cartId, `${cartId}:2`)).toEqual({ ok: true, kind: "released", cartId, units: 5 });
    const next = cart();
    expect(
      await stock.reserve({ cartId: next, idempotencyKey: `${next}:1`, lines: [line(variantId, 5)] }),
    ).toMatchObject({
      kind: "reserved",
    });
    const [{ events }] = await db.query(
      `SELECT COUNT(*)::int AS events FROM catalog.outbox WHERE type LIKE 'stock.released%' AND payload->>'cartId' = $1`,
      [cartId],
    );
    expect(events).toBe(1);
    await expectLedgerBalanced([variantId]);
  });

  it("allocates a paid cart's reservations, then ships them (SALE) with the ledger in step", async () => {
    const { variantId, locationId } = await build.buildStockedVariant(10);
    const cartId = cart();
    await stock.reserve({ cartId, idempotencyKey: `${cartId}:1`, lines: [line(variantId, 3)] });
    const allocated = await stock.allocate(cartId, `${cartId}:1`, [line(variantId, 3)]);
    expect(allocated).toEqual({ ok: true, kind: "allocated", cartId, lines: [{ variantId, locationId, quantity: 3 }] });
    expect(await stock.allocate(cartId, `${cartId}:1`, [line(variantId, 3)])).toEqual(allocated);
    const [level] = await ledgerCheck(db, [variantId]);
    expect(level).toMatchObject({ onHand: 10, allocated: 3, reserved: 0 });
    expect(await stock.ship(cartId, "order-1:shipped")).toMatchObject({ ok: true, kind: "shipped" });
    expect(await stock.ship(cartId, "order-1:shipped-again")).toEqual({ ok: false, kind: "nothingAllocated" });
    expect(await stock.cancelAllocation(cartId, "order-1:cancel")).toEqual({ ok: false, kind: "nothingAllocated" });
    const [after] = await ledgerCheck(db, [variantId]);
    expect(after).toMatchObject({ onHand: 7, allocated: 0 });
    expect(
      await stock.restock("order-1:return", [{ variantId, locationId, quantity: 2 }], "Returned unopened"),
    ).toMatchObject({
      kind: "restocked",
    });
    await stock.restock("order-1:return", [{ variantId, locationId, quantity: 2 }], "Returned unopened");
    const [returned] = await ledgerCheck(db, [variantId]);
    expect(returned).toMatchObject({ onHand: 9, allocated: 0 });
    await expectLedgerBalanced([variantId]);
  });

  it("cancels an allocation back to available (CANCEL)", async () => {
    const { variantId } = await build.buildStockedVariant(4);
    const cartId = cart();
    await stock.reserve({ cartId, idempotencyKey: `${cartId}:1`, lines: [line(variantId, 4)] });
    await stock.allocate(cartId, `${cartId}:1`, [line(variantId, 4)]);
    expect(await stock.cancelAllocation(cartId, "order-2:cancel")).toMatchObject({ ok: true, kind: "cancelled" });
    const next = cart();
    expect(
      await stock.reserve({ cartId: next, idempotencyKey: `${next}:1`, lines: [line(variantId, 4)] }),
    ).toMatchObject({
      kind: "reserved",
    });
    await expectLedgerBalanced([variantId]);
  });

  it("allocates an expired reservation when its stock is still there", async () => {
    const { variantId } = await build.buildStockedVariant(5);
    const cartId = cart();
    await stock.reserve({ cartId, idempotencyKey: `${cartId}:1`, lines: [line(variantId, 2)] });
    await expire(cartId);
    expect(await stock.allocate(cartId, `${cartId}:1`, [line(variantId, 2)])).toMatchObject({
      ok: true,
      kind: "allocated",
    });
    await expectLedgerBalanced([variantId]);
  });

  it("refuses allocation after expiry when the stock is gone: ReservationExpired, nothing changed", async () => {
    const { variantId } = await build.buildStockedVariant(2);
    const slow = cart();
    await stock.reserve({ cartId: slow, idempotencyKey: `${slow}:1`, lines: [line(variantId, 2)] });
    await expire(slow);
    const fast = cart();
    await stock.reserve({ cartId: fast, idempotencyKey: `${fast}:1`, lines: [line(variantId, 2)] });
    const outcome = await stock.allocate(slow, `${slow}:1`, [line(variantId, 2)]);
    expect(outcome).toEqual({ ok: false, kind: "expired", variantId, requested: 2, available: 0 });
    const [level] = await ledgerCheck(db, [variantId]);
    expect(level).toMatchObject({ onHand: 2, allocated: 0, reserved: 2 });
    await expectLedgerBalanced([variantId]);
  });

  it("publishes stock.low once, when a reservation takes available stock to the vendor's level", async () => {
    const { variantId } = await build.buildStockedVariant(10, { lowLevel: 5 });
    for (const quantity of [4, 1, 1]) {
      const cartId = cart();
      await stock.reserve({ cartId, idempotencyKey: `${cartId}:1`, lines: [line(variantId, quantity)] });
    }
    const events: Array<{ payload: { available: number; lowLevel: number } }> = await db.query(
      `SELECT payload FROM catalog.outbox WHERE type LIKE 'stock.low%' AND payload->>'variantId' = $1`,
      [variantId],
    );
    expect(events.map((e) => e.payload)).toEqual([expect.objectContaining({ available: 5, lowLevel: 5 })]);
  });

  it("sweeps expired reservations with RELEASE movements", async () => {
    const { variantId } = await build.buildStockedVariant(5);
    const cartId = cart();
    await stock.reserve({ cartId, idempotencyKey: `${cartId}:1`, lines: [line(variantId, 2)] });
    await expire(cartId);
    expect(await stock.sweepExpired()).toBeGreaterThanOrEqual(1);
    const [level] = await ledgerCheck(db, [variantId]);
    expect(level).toMatchObject({ reserved: 0, ledgerReserved: 0 });
  });
});
