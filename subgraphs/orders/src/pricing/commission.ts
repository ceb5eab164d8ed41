/**
 * The platform's commission on one order line, computed once at checkout and frozen on the line
 * (the result carries the rule and a description, so a later change of rules never rewrites a
 * past order). The base is the line's amount after discount and before tax: `PricedLine.netMinor`.
 */
import { assertCurrency, assertMinor, BASIS_POINTS, formatMoney, percentOf } from "./money";

export type CommissionScope = "PRODUCT" | "CATEGORY" | "VENDOR";

export interface CommissionRule {
  id: string;
  scope: CommissionScope;
  /** The product, category or vendor id the rule is for. */
  targetId: string;
  kind: "PERCENTAGE" | "FIXED";
  /** For PERCENTAGE. */
  rateBasisPoints?: number | null;
  /** For FIXED: per unit. */
  fixedMinor?: number | null;
  minimumMinor?: number | null;
}

/** What applies when no rule matches. */
export interface CommissionDefault {
  rateBasisPoints: number;
  minimumMinor?: number | null;
}

/** 10 %. */
export const PLATFORM_DEFAULT_COMMISSION: CommissionDefault = { rateBasisPoints: 1000 };

export interface CommissionLine {
  productId: string;
  /** The product's own category; a parent category's rule does not match (pass the nearest one). */
  categoryId: string | null;
  vendorId: string;
  quantity: number;
  /** After discount, before tax (PricedLine.netMinor). */
  amountMinor: number;
  currency: string;
}

export interface CommissionResult {
  amountMinor: number;
  ruleId: string | null;
  scope: CommissionScope | "PLATFORM";
  description: string;
}

const SPECIFICITY: readonly CommissionScope[] = ["PRODUCT", "CATEGORY", "VENDOR"];

/**
 * The most specific matching rule wins: product, then category, then vendor, then the platform
 * default. Two rules of one scope for one target should not exist (the table's unique key); if
 * they do, the first listed wins. A percentage is rounded half-up; a fixed amount is per unit; the
 * result is raised to the rule's minimum but never above the line's amount.
 */
export function commissionFor(
  line: CommissionLine,
  rules: readonly CommissionRule[],
  platformDefault: CommissionDefault = PLATFORM_DEFAULT_COMMISSION,
): CommissionResult {
  assertCurrency(line.currency);
  assertMinor(line.amountMinor, "line amount", { nonNegative: true });
  assertMinor(line.quantity, "quantity", { nonNegative: true });
  const targetOf = (scope: CommissionScope) =>
    scope === "PRODUCT" ? line.productId : scope === "CATEGORY" ? line.categoryId : line.vendorId;
  const rule = SPECIFICITY.map((scope) => rules.find((r) => r.scope === scope && r.targetId === targetOf(scope))).find(
    (r) => r !== undefined,
  );
  const money = (minor: number) => formatMoney(minor, line.currency);

  let raw: number;
  let basis: string;
  if (rule?.kind === "FIXED") {
    const fixed = assertMinor(rule.fixedMinor ?? NaN, `fixed amount of commission rule ${rule.id}`, {
      nonNegative: true,
    });
    raw = assertMinor(fixed * line.quantity, "commission");
    basis = `${money(fixed)} per unit × ${line.quantity}`;
  } else {
    const rate = rule ? (rule.rateBasisPoints ?? NaN) : platformDefault.rateBasisPoints;
    assertMinor(rate, `rate of commission rule ${rule?.id ?? "platform default"}`, { nonNegative: true });
    raw = percentOf(line.amountMinor, rate);
    basis = `${formatRate(rate)} of ${money(line.amountMinor)}`;
  }
  const minimum = rule ? (rule.minimumMinor ?? 0) : (platformDefault.minimumMinor ?? 0);
  assertMinor(minimum, "commission minimum", { nonNegative: true });
  const amountMinor = Math.min(Math.max(raw, minimum), line.amountMinor);

  const source = rule ? `${rule.scope.toLowerCase()} rule ${rule.id}` : "platform default";
  const notes = [
    raw < minimum ? `raised to the minimum ${money(minimum)}` : null,
    amountMinor < Math.max(raw, minimum) ? `capped at the line amount ${money(line.amountMinor)}` : null,
  ].filter((n) => n !== null);
  return {
    amountMinor,
    ruleId: rule?.id ?? null,
    scope: rule?.scope ?? "PLATFORM",
    description: `${basis} (${source})${notes.length ? `, ${notes.join(", ")}` : ""}: ${money(amountMinor)}`,
  };
}

/** 1000 → "10%", 1250 → "12.5%". */
function formatRate(basisPoints: number): string {
  return `${basisPoints / (BASIS_POINTS / 100)}%`;
}
