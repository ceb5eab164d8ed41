import type { EntityManager } from "typeorm";
import { BadUserInputError, writeEvent } from "@pawgraph/subgraph-kit";
import { CATALOG_SCHEMA, STOCK_ALLOCATED, STOCK_RELEASED, STOCK_RESERVED } from "../events";
import { assignLines, linesProblem, planTakes, type RequestedLine, type Take } from "./availability";
import { announceLowStock, availableByLevel, figuresOf, levelKey } from "./low-stock";
import type {
  AllocateOutcome,
  ExtendOutcome,
  ReleaseOutcome,
  ReserveOutcome,
  RestockOutcome,
  SettleOutcome,
  StockOperation,
} from "./stock.outcomes";
import type { Movement, StockRepository } from "./stock.repository";

/** How long reservations live (env `STOCK_RESERVATION_TTL_SECONDS`, `STOCK_EXTENSION_TTL_SECONDS`). */
export interface StockSettings {
  reservationTtlSeconds: number;
  extensionTtlSeconds: number;
}

/** A cart's request to hold stock at checkout. */
export interface ReserveRequest {
  cartId: string;
  /** The caller's key for this call, e.g. `${cartId}:${cartVersion}`; a retry with it does nothing twice. */
  idempotencyKey: string;
  lines: RequestedLine[];
  ttlSeconds?: number | null;
}

const unique = (ids: readonly string[]): string[] => [...new Set(ids)].sort();

/** Refuses malformed lines (BAD_USER_INPUT naming the field) and lower-cases their ids, which the SQL compares as text. */
function wellFormed<L extends { variantId: string; quantity: number; locationId?: string | null }>(lines: L[]): L[] {
  const problem = linesProblem(lines);
  if (problem) throw new BadUserInputError(...problem);
  return lines.map((line) => ({
    ...line,
    variantId: line.variantId.toLowerCase(),
    ...(line.locationId ? { locationId: line.locationId.toLowerCase() } : {}),
  }));
}

function checkCartId(cartId: string): void {
  if (cartId.length < 1 || cartId.length > 100) throw new BadUserInputError("cartId", "must be 1 to 100 characters");
}

/** Total units per variant and location, for events and outcomes. */
function summed(takes: readonly Take[]): Take[] {
  const sums = new Map<string, Take>();
  for (const take of takes) {
    const sum = sums.get(levelKey(take)) ?? { variantId: take.variantId, locationId: take.locationId, quantity: 0 };
    sum.quantity += take.quantity;
    sums.set(levelKey(take), sum);
  }
  return [...sums.values()].sort((a, b) => levelKey(a).localeCompare(levelKey(b)));
}

/** RELEASE movements for deleted reservations: the cart's own under `reference`, others' as `expired:<cart>`. */
function releases(
  deleted: ReadonlyArray<{ cartId: string; variantId: string; locationId: string; quantity: number }>,
  cartId: string,
  reference: string,
  except: ReadonlySet<string> = new Set(),
): Movement[] {
  const sums = new Map<string, Movement>();
  for (const row of deleted) {
    const own = row.cartId === cartId;
    if (own && except.has(levelKey(row))) continue;
    const key = `${levelKey(row)}|${row.cartId}`;
    const movement = sums.get(key) ?? {
      variantId: row.variantId,
      locationId: row.locationId,
      kind: "RELEASE" as const,
      onHandDelta: 0,
      allocatedDelta: 0,
      reservedDelta: 0,
      reference: own ? reference : `expired:${row.cartId}`,
    };
    movement.reservedDelta -= row.quantity;
    sums.set(key, movement);
  }
  return [...sums.values()];
}

/**
 * The stock operations orders calls (docs/decisions/0032): reserve at checkout, extend once at
 * payment, release, allocate when paid, ship, cancel, restock. Each runs in one transaction that
 * first claims the caller's idempotency key, then locks the levels it touches in (variant,
 * location) order, writes movements that keep the ledger summing to the levels, and stores its
 * outcome under the key.
 */
export class StockService {
  constructor(
    private readonly stock: StockRepository,
    private readonly settings: StockSettings,
  ) {}

  /**
   * Runs `work` once per key: a retry (or a concurrent duplicate, which waits for the first) gets
   * the stored outcome. A refusal is an outcome too and is stored: the same key refuses again, and a
   * caller that wants another try sends a new key (the next cart version).
   */
  private async once<T>(
    operation: StockOperation,
    key: string,
    cartId: string | null,
    work: (tx: EntityManager, reference: string) => Promise<T>,
  ): Promise<T> {
    if (key.length < 1 || key.length > 200)
      throw new BadUserInputError("idempotencyKey", "must be 1 to 200 characters");
    return this.stock.transaction(async (tx) => {
      const stored = await this.stock.claim(tx, `${key}:${operation}`, operation, cartId);
      if (stored) return stored.outcome as T;
      const outcome = await work(tx, key);
      await this.stock.storeOutcome(tx, `${key}:${operation}`, outcome);
      return outcome;
    });
  }

  async reserve(request: ReserveRequest): Promise<ReserveOutcome> {
    const { cartId } = request;
    checkCartId(cartId);
    const lines = wellFormed(request.lines);
    const ttl = request.ttlSeconds ?? this.settings.reservationTtlSeconds;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > 24 * 3600)
      throw new BadUserInputError("ttlSeconds", "must be a whole number of seconds from 1 to 86400");
    return this.once("reserve", request.idempotencyKey, cartId, async (tx, reference) => {
      const requested = unique(lines.map((l) => l.variantId));
      const variants = unique([...requested, ...(await this.stock.variantsReservedBy(tx, cartId))]);
      const levels = await this.stock.lockLevels(tx, variants);
      const held = await this.stock.held(tx, variants);
      const plan = planTakes(lines, figuresOf(levels, held, cartId));
      if (!plan.ok) return { ok: false, kind: "insufficient", ...plan.shortfall };
      const before = availableByLevel(levels, held);
      const deleted = await this.stock.deleteReservations(tx, cartId, variants);
      const rows = assignLines(lines, plan.takes);
      const expiresAt = await this.stock.insertReservations(tx, cartId, rows, ttl);
      const taken = summed(plan.takes);
      await this.stock.insertMovements(tx, [
        ...releases(deleted, cartId, reference),
        ...taken.map((take) => ({
          ...take,
          kind: "RESERVE" as const,
          onHandDelta: 0,
          allocatedDelta: 0,
          reservedDelta: take.quantity,
          reference,
        })),
      ]);
      await writeEvent(tx, CATALOG_SCHEMA, STOCK_RESERVED.create(cartId, { cartId, reference, lines: taken }));
      await announceLowStock(this.stock, tx, levels, before);
      return { ok: true, kind: "reserved", cartId, expiresAt: new Date(expiresAt).toISOString(), lines: rows };
    });
  }

  /** Once, at payment start: the cart's live reservations get a fresh TTL; a second extension is refused. */
  async extend(cartId: string, idempotencyKey: string): Promise<ExtendOutcome> {
    checkCartId(cartId);
    return this.once("extend", idempotencyKey, cartId, async (tx) => {
      const live = (await this.stock.cartReservations(tx, cartId)).filter((r) => !r.expired);
      if (live.length === 0) return { ok: false, kind: "noReservation" };
      const extended = live.find((r) => r.extended);
      if (extended)
        return { ok: false, kind: "alreadyExtended", expiresAt: new Date(extended.expiresAt).toISOString() };
      const expiresAt = await this.stock.extendReservations(tx, cartId, this.settings.extensionTtlSeconds);
      if (!expiresAt) return { ok: false, kind: "noReservation" };
      return { ok: true, kind: "extended", cartId, expiresAt: new Date(expiresAt).toISOString() };
    });
  }

  /** The cart changed or was abandoned: its reservations go, with RELEASE movements and `stock.released`. */
  async release(cartId: string, idempotencyKey: string): Promise<ReleaseOutcome> {
    checkCartId(cartId);
    return this.once("release", idempotencyKey, cartId, async (tx, reference) => {
      const variants = unique(await this.stock.variantsReservedBy(tx, cartId));
      await this.stock.lockLevels(tx, variants);
      const deleted = await this.stock.deleteReservations(tx, cartId, variants);
      const movements = releases(deleted, cartId, reference);
      await this.stock.insertMovements(tx, movements);
      const own = movements.filter((m) => m.reference === reference);
      const units = own.reduce((sum, m) => sum - m.reservedDelta, 0);
      if (units > 0) {
        const lines = own.map((m) => ({
          variantId: m.variantId,
          locationId: m.locationId,
          quantity: -m.reservedDelta,
        }));
        await writeEvent(
          tx,
          CATALOG_SCHEMA,
          STOCK_RELEASED.create(cartId, { cartId, reference, lines: summed(lines) }),
        );
      }
      return { ok: true, kind: "released", cartId, units };
    });
  }

  /**
   * The order is paid: the cart's lines become allocated stock, from its reservations where they
   * are still live, and otherwise from what is available now (an expired reservation whose stock is
   * still there is honoured). When the stock is gone: ReservationExpired, nothing changed.
   */
  async allocate(cartId: string, idempotencyKey: string, cartLines: RequestedLine[]): Promise<AllocateOutcome> {
    checkCartId(cartId);
    const lines = wellFormed(cartLines);
    return this.once("allocate", idempotencyKey, cartId, async (tx, reference) => {
      const variants = unique([...lines.map((l) => l.variantId), ...(await this.stock.variantsReservedBy(tx, cartId))]);
      const levels = await this.stock.lockLevels(tx, variants);
      const held = await this.stock.held(tx, variants);
      const mine = (await this.stock.cartReservations(tx, cartId)).filter((r) => !r.expired);
      // The cart's live reservations pin their locations; the rest goes where most is available.
      const demand: RequestedLine[] = [];
      for (const variantId of unique(lines.map((l) => l.variantId))) {
        let needed = lines.filter((l) => l.variantId === variantId).reduce((sum, l) => sum + l.quantity, 0);
        for (const row of mine.filter((r) => r.variantId === variantId)) {
          const quantity = Math.min(needed, row.quantity);
          if (quantity > 0) demand.push({ lineId: row.lineId, variantId, quantity, locationId: row.locationId });
          needed -= quantity;
        }
        if (needed > 0) demand.push({ lineId: "rest", variantId, quantity: needed });
      }
      const plan = planTakes(demand, figuresOf(levels, held, cartId));
      if (!plan.ok) return { ok: false, kind: "expired", ...plan.shortfall };
      const before = availableByLevel(levels, held);
      const deleted = await this.stock.deleteReservations(tx, cartId, variants);
      const taken = summed(plan.takes);
      const freed = new Map<string, number>();
      for (const row of deleted)
        if (row.cartId === cartId) freed.set(levelKey(row), (freed.get(levelKey(row)) ?? 0) + row.quantity);
      const movements: Movement[] = [
        ...releases(deleted, cartId, reference, new Set(taken.map(levelKey))),
        ...taken.map((take) => ({
          ...take,
          kind: "ALLOCATE" as const,
          onHandDelta: 0,
          allocatedDelta: take.quantity,
          reservedDelta: -(freed.get(levelKey(take)) ?? 0),
          reference,
        })),
      ];
      await this.stock.insertMovements(tx, movements);
      await this.stock.applyToLevels(tx, movements);
      await writeEvent(tx, CATALOG_SCHEMA, STOCK_ALLOCATED.create(cartId, { cartId, reference, lines: taken }));
      await announceLowStock(this.stock, tx, levels, before);
      return { ok: true, kind: "allocated", cartId, lines: taken };
    });
  }

  /** The order went out: its allocated units leave the shelf (SALE: on hand and allocated both down). */
  ship(cartId: string, idempotencyKey: string): Promise<SettleOutcome> {
    return this.settle("ship", cartId, idempotencyKey);
  }

  /** The paid order was cancelled before it shipped: its allocated units are free again (CANCEL). */
  cancelAllocation(cartId: string, idempotencyKey: string): Promise<SettleOutcome> {
    return this.settle("cancel", cartId, idempotencyKey);
  }

  private async settle(operation: "ship" | "cancel", cartId: string, idempotencyKey: string): Promise<SettleOutcome> {
    checkCartId(cartId);
    return this.once(operation, idempotencyKey, cartId, async (tx, reference) => {
      const history = await this.stock.succeededOperations(tx, cartId, ["allocate", "ship", "cancel"]);
      const last = history.at(-1);
      if (!last || last.kind !== "allocate") return { ok: false, kind: "nothingAllocated" };
      const lines = (last.outcome as { lines: Take[] }).lines;
      await this.stock.lockLevels(tx, unique(lines.map((l) => l.variantId)));
      const movements: Movement[] = lines.map((line) => ({
        ...line,
        kind: operation === "ship" ? "SALE" : "CANCEL",
        onHandDelta: operation === "ship" ? -line.quantity : 0,
        allocatedDelta: -line.quantity,
        reservedDelta: 0,
        reference,
      }));
      await this.stock.insertMovements(tx, movements);
      await this.stock.applyToLevels(tx, movements);
      return { ok: true, kind: operation === "ship" ? "shipped" : "cancelled", cartId, lines };
    });
  }

  /** Units come back to the shelf (a return, a refund with the goods back): RETURN, on hand up. */
  async restock(idempotencyKey: string, returned: Take[], note: string | null): Promise<RestockOutcome> {
    const lines = wellFormed(returned);
    if (note !== null && note.length > 500) throw new BadUserInputError("note", "must be at most 500 characters");
    return this.once("restock", idempotencyKey, null, async (tx, reference) => {
      const wanted = summed(lines);
      await this.stock.ensureLevels(tx, wanted);
      const levels = await this.stock.lockLevels(tx, unique(wanted.map((l) => l.variantId)));
      const known = new Set(levels.map(levelKey));
      const unknown = wanted.findIndex((line) => !known.has(levelKey(line)));
      if (unknown >= 0)
        throw new BadUserInputError("lines", "Each line needs a variant and a stock location of the same vendor");
      const movements: Movement[] = wanted.map((line) => ({
        ...line,
        kind: "RETURN",
        onHandDelta: line.quantity,
        allocatedDelta: 0,
        reservedDelta: 0,
        reference,
        note,
      }));
      await this.stock.insertMovements(tx, movements);
      await this.stock.applyToLevels(tx, movements);
      return { ok: true, kind: "restocked", lines: wanted };
    });
  }

  /** The periodic sweep: expired reservations go (with RELEASE movements), in batches. */
  async sweepExpired(batch = 1000): Promise<number> {
    let total = 0;
    for (;;) {
      const swept = await this.stock.sweepExpired(batch);
      total += swept;
      if (swept < batch) return total;
    }
  }
}
