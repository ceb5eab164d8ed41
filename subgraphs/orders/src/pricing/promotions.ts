/**
 * Which promotions apply to an order and how their discounts are spread over its lines.
 *
 * Stacking rule (also returned to callers as `STACKING_RULE`): at most one platform-wide order
 * discount and one per vendor; an exclusive discount combines with no other discount (the first
 * exclusive one in the buyer's order wins, the rest are NOT_COMBINABLE); FREE_SHIPPING promotions
 * combine with anything, whatever their exclusive flag. "First" is the order of the input list,
 * which the caller keeps as the order the buyer applied the codes. A promotion whose minimum is not
 * met, or whose vendor has no line in the order, is rejected before the rule is applied, so it
 * never takes the place of one that could apply.
 */
import { allocate, assertMinor, formatMoney, percentOf, BASIS_POINTS } from "./money";
import type { AppliedPromotion, Promotion, RejectedPromotion, RejectionReason } from "./pricing.types";

export const STACKING_RULE =
  "At most one platform-wide discount and one discount per vendor; an exclusive discount combines with no " +
  "other discount (the first exclusive one applied wins); free-shipping promotions combine with anything.";

/** What the promotion step needs of a line: its amount before discounts. */
export interface DiscountableLine {
  lineId: string;
  vendorId: string;
  subtotalMinor: number;
}

export interface PromotionOutcome {
  /** Discount per line id (every line present, 0 when none). */
  lineDiscounts: Map<string, number>;
  /** In input order; FREE_SHIPPING ones with shippingDiscountMinor still 0 (the shipping step fills it). */
  applied: AppliedPromotion[];
  rejected: RejectedPromotion[];
}

type OrderPromotion = Exclude<Promotion, { kind: "FREE_SHIPPING" }>;

export function validatePromotions(promotions: readonly Promotion[]): void {
  const ids = new Set<string>();
  for (const p of promotions) {
    if (ids.has(p.id)) throw new RangeError(`promotion ${p.id} is listed twice`);
    ids.add(p.id);
    if (p.minimumSubtotalMinor !== null)
      assertMinor(p.minimumSubtotalMinor, `minimum of ${p.id}`, { nonNegative: true });
    if (p.kind === "PERCENTAGE") {
      assertMinor(p.valueBasisPoints, `percentage of ${p.id}`, { nonNegative: true });
      if (p.valueBasisPoints > BASIS_POINTS) throw new RangeError(`percentage of ${p.id} is above 100 %`);
    }
    if (p.kind === "FIXED") assertMinor(p.valueMinor, `value of ${p.id}`, { nonNegative: true });
  }
}

/** Rejects what cannot apply, picks by the stacking rule, and allocates each discount. */
export function applyPromotions(
  lines: readonly DiscountableLine[],
  promotions: readonly Promotion[],
  currency: string,
): PromotionOutcome {
  validatePromotions(promotions);
  const rejected: RejectedPromotion[] = [];
  const reject = (p: Promotion, reason: RejectionReason) =>
    rejected.push({ promotionId: p.id, code: p.code, reason, message: messageFor(p, reason, promotions, currency) });
  const eligible = (p: Promotion) => lines.filter((l) => p.vendorId === null || l.vendorId === p.vendorId);

  const candidates: Promotion[] = [];
  for (const p of promotions) {
    const own = eligible(p);
    if (own.length === 0) {
      reject(p, { code: "NO_ELIGIBLE_LINES" });
      continue;
    }
    const eligibleSubtotalMinor = own.reduce((s, l) => s + l.subtotalMinor, 0);
    if (p.minimumSubtotalMinor !== null && eligibleSubtotalMinor < p.minimumSubtotalMinor) {
      reject(p, {
        code: "MINIMUM_NOT_MET",
        minimumMinor: p.minimumSubtotalMinor,
        eligibleSubtotalMinor,
        missingMinor: p.minimumSubtotalMinor - eligibleSubtotalMinor,
      });
      continue;
    }
    candidates.push(p);
  }

  const chosen = new Set<Promotion>(candidates.filter((p) => p.kind === "FREE_SHIPPING"));
  const discounts = candidates.filter((p): p is OrderPromotion => p.kind !== "FREE_SHIPPING");
  const firstExclusive = discounts.find((p) => p.exclusive);
  const takenScopes = new Map<string | null, Promotion>();
  for (const p of discounts) {
    if (firstExclusive && p !== firstExclusive) {
      reject(p, { code: "NOT_COMBINABLE", conflictsWithPromotionId: firstExclusive.id });
      continue;
    }
    const holder = takenScopes.get(p.vendorId);
    if (holder) {
      reject(p, { code: "SCOPE_ALREADY_DISCOUNTED", conflictsWithPromotionId: holder.id });
      continue;
    }
    takenScopes.set(p.vendorId, p);
    chosen.add(p);
  }

  // Vendor discounts first, the platform's on what is left: a platform percentage then never
  // discounts money a vendor has already taken off, and no line can go below 0.
  const lineDiscounts = new Map(lines.map((l) => [l.lineId, 0]));
  const perPromotion = new Map<Promotion, { lineId: string; discountMinor: number }[]>();
  const ordered = [...chosen].sort((a, b) => Number(a.vendorId === null) - Number(b.vendorId === null));
  for (const p of ordered) {
    if (p.kind === "FREE_SHIPPING") {
      perPromotion.set(p, []);
      continue;
    }
    const own = eligible(p);
    const remaining = own.map((l) => l.subtotalMinor - (lineDiscounts.get(l.lineId) ?? 0));
    const remainingTotal = remaining.reduce((s, r) => s + r, 0);
    const amount =
      p.kind === "PERCENTAGE" ? percentOf(remainingTotal, p.valueBasisPoints) : Math.min(p.valueMinor, remainingTotal);
    const parts = allocate(amount, remaining);
    perPromotion.set(
      p,
      own.map((l, i) => ({ lineId: l.lineId, discountMinor: parts[i] ?? 0 })),
    );
    own.forEach((l, i) => lineDiscounts.set(l.lineId, (lineDiscounts.get(l.lineId) ?? 0) + (parts[i] ?? 0)));
  }

  const applied = promotions
    .filter((p) => chosen.has(p))
    .map((p): AppliedPromotion => {
      const parts = perPromotion.get(p) ?? [];
      return {
        promotionId: p.id,
        code: p.code,
        kind: p.kind,
        vendorId: p.vendorId,
        discountMinor: parts.reduce((s, l) => s + l.discountMinor, 0),
        shippingDiscountMinor: 0,
        lines: parts,
      };
    });
  return { lineDiscounts, applied, rejected };
}

function messageFor(p: Promotion, reason: RejectionReason, all: readonly Promotion[], currency: string): string {
  const codeOf = (id: string) => all.find((o) => o.id === id)?.code ?? id;
  switch (reason.code) {
    case "MINIMUM_NOT_MET":
      return `Add ${formatMoney(reason.missingMinor, currency)} more to use ${p.code} (minimum ${formatMoney(reason.minimumMinor, currency)}).`;
    case "NOT_COMBINABLE":
      return `${p.code} cannot be combined with ${codeOf(reason.conflictsWithPromotionId)}.`;
    case "SCOPE_ALREADY_DISCOUNTED":
      return `${p.code} was not applied: ${codeOf(reason.conflictsWithPromotionId)} already discounts ${p.vendorId === null ? "this order" : "this vendor's items"}.`;
    case "NO_ELIGIBLE_LINES":
      return `${p.code} applies to none of the items in this order.`;
  }
}
