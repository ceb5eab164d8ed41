/**
 * What each vendor is owed for an order, and what each refund takes back: pure arithmetic on the
 * lines and vendor orders frozen at checkout (never today's prices or commission rules). Amounts
 * are integers in minor units; every split uses the largest-remainder method (`allocate`), so the
 * parts always add up to the whole.
 */
import { allocate } from "../pricing";

/** A frozen order line, as far as payouts care. */
export interface SplitLine {
  id: string;
  vendorOrderId: string;
  quantity: number;
  /** What the buyer paid for the line (after discount, with tax as charged). */
  totalMinor: number;
  /** The platform's commission frozen on the line. */
  commissionMinor: number;
}

/** A frozen vendor order, as far as payouts care. */
export interface SplitVendorOrder {
  id: string;
  /** What the buyer paid for this vendor's part: its lines, its shipping and the shipping's tax. */
  totalMinor: number;
  /** The vendor's shipping charge before tax, as refunds with `includeShipping` pay it back. */
  shippingMinor: number;
}

/** A vendor order's credit: the vendor receives `grossMinor − commissionMinor`. */
export interface VendorCredit {
  grossMinor: number;
  commissionMinor: number;
  amountMinor: number;
}

/**
 * The vendor's credit for a fulfilled vendor order: items and shipping as the buyer paid them (the
 * vendor is the seller of record and remits the tax), less the commission frozen on its lines.
 */
export function creditOf(vendorOrder: SplitVendorOrder, lines: readonly SplitLine[]): VendorCredit {
  const own = lines.filter((l) => l.vendorOrderId === vendorOrder.id);
  const commissionMinor = Math.min(
    own.reduce((sum, l) => sum + l.commissionMinor, 0),
    vendorOrder.totalMinor,
  );
  return { grossMinor: vendorOrder.totalMinor, commissionMinor, amountMinor: vendorOrder.totalMinor - commissionMinor };
}

/** A succeeded refund: its amount and what it was for. */
export interface SplitRefund {
  amountMinor: number;
  includeShipping: boolean;
  lines: readonly { orderLineId: string; quantity: number }[];
}

/** One vendor order's part of a refund: `grossMinor` paid back, of which `commissionMinor` is the platform's. */
export interface VendorDebit {
  vendorOrderId: string;
  grossMinor: number;
  commissionMinor: number;
  /** What the vendor gives back: `grossMinor − commissionMinor`. */
  amountMinor: number;
}

/**
 * Splits a refund across the order's vendor orders.
 *
 * 1. Each vendor order's weight is what the refund names of it: its refunded lines' share (a line's
 *    total × units / quantity) plus, with `includeShipping`, its shipping (every vendor order's when
 *    the refund names no lines). A refund of a bare amount (no lines, no shipping) weighs each vendor
 *    order by its total.
 * 2. The refunded amount is allocated across vendor orders by weight (an amount set by hand larger
 *    or smaller than the lines' worth is shared in the same proportion).
 * 3. Within a vendor order the platform returns commission in proportion: the commission of the
 *    refunded units (each line's commission allocated between refunded and kept units) over the
 *    weight, applied to the vendor order's part. A bare amount returns the vendor order's whole
 *    commission in proportion to its total.
 *
 * Vendor orders with nothing to give back are left out.
 */
export function refundSplit(
  refund: SplitRefund,
  vendorOrders: readonly SplitVendorOrder[],
  lines: readonly SplitLine[],
): VendorDebit[] {
  if (vendorOrders.length === 0 || refund.amountMinor <= 0) return [];
  const named = new Set(
    refund.lines.map((r) => lines.find((l) => l.id === r.orderLineId)?.vendorOrderId).filter((id) => id !== undefined),
  );
  const scopes = vendorOrders.map((v) => {
    let goods = 0;
    let commission = 0;
    for (const r of refund.lines) {
      const line = lines.find((l) => l.id === r.orderLineId && l.vendorOrderId === v.id);
      if (!line || r.quantity <= 0) continue;
      const units = Math.min(r.quantity, line.quantity);
      goods += allocate(line.totalMinor, [units, line.quantity - units])[0]!;
      commission += allocate(line.commissionMinor, [units, line.quantity - units])[0]!;
    }
    const shipping = refund.includeShipping && (refund.lines.length === 0 || named.has(v.id)) ? v.shippingMinor : 0;
    return { weight: goods + shipping, commission };
  });
  let weights = scopes.map((s) => s.weight);
  let commissions = scopes.map((s) => s.commission);
  if (weights.every((w) => w === 0)) {
    // A bare amount: in proportion to each vendor order's total, commission to match.
    weights = vendorOrders.map((v) => v.totalMinor);
    commissions = vendorOrders.map((v) => creditOf(v, lines).commissionMinor);
    if (weights.every((w) => w === 0)) return [];
  }
  const parts = allocate(refund.amountMinor, weights);
  return vendorOrders
    .map((v, i) => {
      const gross = parts[i]!;
      const weight = weights[i]!;
      const scopeCommission = Math.min(commissions[i]!, weight);
      const commissionMinor =
        gross === 0 || weight === 0 ? 0 : allocate(gross, [scopeCommission, weight - scopeCommission])[0]!;
      return { vendorOrderId: v.id, grossMinor: gross, commissionMinor, amountMinor: gross - commissionMinor };
    })
    .filter((d) => d.grossMinor > 0);
}

/**
 * Caps a vendor order's debit by what is left of its credit (credits less earlier debits), so
 * repeated partial refunds of one line (whose per-refund rounding may run over by a unit) never
 * take back more than the vendor received, nor return more commission than was withheld.
 */
export function capDebit(debit: VendorDebit, left: { amountMinor: number; commissionMinor: number }): VendorDebit {
  const commissionMinor = Math.max(0, Math.min(debit.commissionMinor, left.commissionMinor));
  const amountMinor = Math.max(0, Math.min(debit.amountMinor, left.amountMinor));
  return { ...debit, commissionMinor, amountMinor, grossMinor: amountMinor + commissionMinor };
}
