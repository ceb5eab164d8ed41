/**
 * The stock arithmetic, pure so it is unit-tested on its own: what a level can still sell, how a
 * cart's quantities are split across a variant's locations, and when the low-stock level is crossed.
 * The service feeds it rows it has locked; nothing here reads the database (docs/decisions/0032).
 */

/** One (variant, location) level as the service sees it inside its transaction. */
export interface LevelFigures {
  variantId: string;
  locationId: string;
  onHand: number;
  allocated: number;
  /** Units held by unexpired reservations of carts other than the one asking. */
  reservedByOthers: number;
  /** The variant's out-of-stock threshold: units never sold (kept for display, damage, counting errors). */
  threshold: number;
}

/** `available = on_hand − allocated − Σ unexpired reservations of other carts − threshold`, never below 0. */
export function availableOf(level: LevelFigures): number {
  return Math.max(0, level.onHand - level.allocated - level.reservedByOthers - level.threshold);
}

/** A cart line as the caller sent it. */
export interface RequestedLine {
  lineId: string;
  variantId: string;
  quantity: number;
  /** Reserve at this location only; otherwise the locations with most available go first. */
  locationId?: string | null;
}

/** Units to take from one level. */
export interface Take {
  variantId: string;
  locationId: string;
  quantity: number;
}

/** What one variant lacks: the caller's total, and what the levels it may use can give. */
export interface Shortfall {
  variantId: string;
  requested: number;
  available: number;
}

/** The requested units per (variant, pinned location or null), summed: two lines of one variant count together. */
export function sumPerVariant(
  lines: readonly RequestedLine[],
): Map<string, { locationId: string | null; quantity: number }> {
  const sums = new Map<string, { locationId: string | null; quantity: number }>();
  for (const line of lines) {
    const key = `${line.variantId}|${line.locationId ?? ""}`;
    const sum = sums.get(key) ?? { locationId: line.locationId ?? null, quantity: 0 };
    sum.quantity += line.quantity;
    sums.set(key, sum);
  }
  return sums;
}

/**
 * Splits the summed demand over the levels: a pinned location gives from itself only; otherwise the
 * levels with most available go first (ties by location id, so the outcome is deterministic). A
 * pinned and an unpinned demand of one variant share the same levels: what the first took is gone
 * for the second. Returns the takes, or the first variant (in id order) that cannot be served.
 */
export function planTakes(
  lines: readonly RequestedLine[],
  levels: readonly LevelFigures[],
): { ok: true; takes: Take[] } | { ok: false; shortfall: Shortfall } {
  const left = new Map(levels.map((level) => [`${level.variantId}|${level.locationId}`, availableOf(level)]));
  const demands = [...sumPerVariant(lines).entries()]
    .map(([key, demand]) => ({ variantId: key.split("|")[0]!, ...demand }))
    // Pinned demands first: they have no choice, the unpinned ones can go elsewhere.
    .sort(
      (a, b) =>
        a.variantId.localeCompare(b.variantId) || (a.locationId === null ? 1 : 0) - (b.locationId === null ? 1 : 0),
    );
  const takes = new Map<string, Take>();
  for (const demand of demands) {
    const candidates = levels
      .filter(
        (l) => l.variantId === demand.variantId && (demand.locationId === null || l.locationId === demand.locationId),
      )
      .map((l) => ({ locationId: l.locationId, key: `${l.variantId}|${l.locationId}` }))
      .sort((a, b) => left.get(b.key)! - left.get(a.key)! || a.locationId.localeCompare(b.locationId));
    const total = candidates.reduce((sum, c) => sum + left.get(c.key)!, 0);
    if (total < demand.quantity) {
      const requested = lines.filter((l) => l.variantId === demand.variantId).reduce((s, l) => s + l.quantity, 0);
      const available = levels
        .filter((l) => l.variantId === demand.variantId)
        .reduce((sum, l) => sum + availableOf(l), 0);
      return { ok: false, shortfall: { variantId: demand.variantId, requested, available } };
    }
    let needed = demand.quantity;
    for (const candidate of candidates) {
      if (needed === 0) break;
      const quantity = Math.min(needed, left.get(candidate.key)!);
      if (quantity === 0) continue;
      left.set(candidate.key, left.get(candidate.key)! - quantity);
      needed -= quantity;
      const take = takes.get(candidate.key) ?? {
        variantId: demand.variantId,
        locationId: candidate.locationId,
        quantity: 0,
      };
      take.quantity += quantity;
      takes.set(candidate.key, take);
    }
  }
  return { ok: true, takes: [...takes.values()] };
}

/**
 * Whether a change from `before` to `after` available units crossed the vendor's low-stock level
 * downwards: it fires once, on the change that reaches the level, and again only after stock rose
 * above it (a restock, a release) and fell back.
 */
export function crossedLowLevel(before: number, after: number, lowLevel: number | null): boolean {
  return lowLevel !== null && before > lowLevel && after <= lowLevel;
}

/** A reservation row to write: one line's units at one location. */
export interface LineTake extends Take {
  lineId: string;
}

/**
 * Hands the planned takes back to the cart's lines (a reservation row names its line): pinned lines
 * first, from their own location, then the others from whatever is left of their variant.
 */
export function assignLines(lines: readonly RequestedLine[], takes: readonly Take[]): LineTake[] {
  const left = takes.map((take) => ({ ...take }));
  const ordered = [...lines.filter((l) => l.locationId), ...lines.filter((l) => !l.locationId)];
  const rows: LineTake[] = [];
  for (const line of ordered) {
    let needed = line.quantity;
    for (const take of left) {
      if (needed === 0) break;
      if (take.variantId !== line.variantId || take.quantity === 0) continue;
      if (line.locationId && take.locationId !== line.locationId) continue;
      const quantity = Math.min(needed, take.quantity);
      take.quantity -= quantity;
      needed -= quantity;
      rows.push({ lineId: line.lineId, variantId: line.variantId, locationId: take.locationId, quantity });
    }
    if (needed > 0) throw new Error(`planned takes do not cover line ${line.lineId}`);
  }
  return rows;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The most lines one call may carry, and the most units one line may ask for. */
export const MAX_LINES = 200;
export const MAX_LINE_QUANTITY = 10_000;

/** What is wrong with a cart's lines, as `[field, message]`, or null when they are well-formed. */
export function linesProblem(
  lines: ReadonlyArray<{ lineId?: string; variantId: string; quantity: number; locationId?: string | null }>,
): [string, string] | null {
  if (lines.length < 1 || lines.length > MAX_LINES) return ["lines", `must hold 1 to ${MAX_LINES} lines`];
  for (const [index, line] of lines.entries()) {
    const at = `lines.${index}`;
    if (line.lineId !== undefined && (line.lineId.length < 1 || line.lineId.length > 100))
      return [`${at}.lineId`, "must be 1 to 100 characters"];
    if (!UUID.test(line.variantId)) return [`${at}.variantId`, "must be a variant id"];
    if (line.locationId != null && !UUID.test(line.locationId))
      return [`${at}.locationId`, "must be a stock location id"];
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_LINE_QUANTITY)
      return [`${at}.quantity`, `must be a whole number from 1 to ${MAX_LINE_QUANTITY}`];
  }
  return null;
}
