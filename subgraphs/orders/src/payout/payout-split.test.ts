import { capDebit, creditOf, refundSplit, type SplitLine, type SplitVendorOrder } from "./payout-split";

// Two vendors: A sells 2 × 10.00 (commission 1.00 each line... 2.00 frozen) plus 5.00 shipping;
// B sells 3 × 3.33 (total 9.99, commission 1.00) with 4.00 shipping.
const vendorOrders: SplitVendorOrder[] = [
  { id: "a", totalMinor: 2500, shippingMinor: 500 },
  { id: "b", totalMinor: 1399, shippingMinor: 400 },
];
const lines: SplitLine[] = [
  { id: "a1", vendorOrderId: "a", quantity: 2, totalMinor: 2000, commissionMinor: 200 },
  { id: "b1", vendorOrderId: "b", quantity: 3, totalMinor: 999, commissionMinor: 100 },
];

describe("creditOf", () => {
  it("is the vendor order's total less the commission frozen on its lines", () => {
    expect(creditOf(vendorOrders[0]!, lines)).toEqual({ grossMinor: 2500, commissionMinor: 200, amountMinor: 2300 });
    expect(creditOf(vendorOrders[1]!, lines)).toEqual({ grossMinor: 1399, commissionMinor: 100, amountMinor: 1299 });
  });
});

describe("refundSplit", () => {
  it("one unit of one line: that vendor gives back the unit's share less its commission", () => {
    const split = refundSplit(
      { amountMinor: 1000, includeShipping: false, lines: [{ orderLineId: "a1", quantity: 1 }] },
      vendorOrders,
      lines,
    );
    expect(split).toEqual([{ vendorOrderId: "a", grossMinor: 1000, commissionMinor: 100, amountMinor: 900 }]);
  });

  it("with shipping, the named vendor order's shipping comes back too (no commission on shipping)", () => {
    const split = refundSplit(
      { amountMinor: 1500, includeShipping: true, lines: [{ orderLineId: "a1", quantity: 1 }] },
      vendorOrders,
      lines,
    );
    expect(split).toEqual([{ vendorOrderId: "a", grossMinor: 1500, commissionMinor: 100, amountMinor: 1400 }]);
  });

  it("rounds a third of a line by the largest remainder and keeps the parts whole", () => {
    const split = refundSplit(
      { amountMinor: 333, includeShipping: false, lines: [{ orderLineId: "b1", quantity: 1 }] },
      vendorOrders,
      lines,
    );
    expect(split).toEqual([{ vendorOrderId: "b", grossMinor: 333, commissionMinor: 33, amountMinor: 300 }]);
  });

  it("a bare amount is shared by the vendor orders' totals, commission in proportion", () => {
    const split = refundSplit({ amountMinor: 1000, includeShipping: false, lines: [] }, vendorOrders, lines);
    expect(split.reduce((s, d) => s + d.grossMinor, 0)).toBe(1000);
    expect(split).toEqual([
      { vendorOrderId: "a", grossMinor: 641, commissionMinor: 51, amountMinor: 590 },
      { vendorOrderId: "b", grossMinor: 359, commissionMinor: 26, amountMinor: 333 },
    ]);
  });

  it("a full refund gives back exactly each credit", () => {
    const split = refundSplit(
      {
        amountMinor: 3899,
        includeShipping: true,
        lines: [
          { orderLineId: "a1", quantity: 2 },
          { orderLineId: "b1", quantity: 3 },
        ],
      },
      vendorOrders,
      lines,
    );
    expect(split).toEqual([
      { vendorOrderId: "a", grossMinor: 2500, commissionMinor: 200, amountMinor: 2300 },
      { vendorOrderId: "b", grossMinor: 1399, commissionMinor: 100, amountMinor: 1299 },
    ]);
  });

  it("an amount set below the lines' worth is shared in the same proportion", () => {
    const split = refundSplit(
      { amountMinor: 500, includeShipping: false, lines: [{ orderLineId: "a1", quantity: 1 }] },
      vendorOrders,
      lines,
    );
    expect(split).toEqual([{ vendorOrderId: "a", grossMinor: 500, commissionMinor: 50, amountMinor: 450 }]);
  });

  it("nothing to split: no debits", () => {
    expect(refundSplit({ amountMinor: 0, includeShipping: false, lines: [] }, vendorOrders, lines)).toEqual([]);
    expect(refundSplit({ amountMinor: 10, includeShipping: false, lines: [] }, [], lines)).toEqual([]);
  });

  it("the parts always add up to the refund, whatever the weights", () => {
    for (let amount = 1; amount < 4000; amount += 37) {
      const split = refundSplit(
        {
          amountMinor: amount,
          includeShipping: true,
          lines: [
            { orderLineId: "a1", quantity: 1 },
            { orderLineId: "b1", quantity: 2 },
          ],
        },
        vendorOrders,
        lines,
      );
      expect(split.reduce((s, d) => s + d.grossMinor, 0)).toBe(amount);
      for (const d of split) expect(d.amountMinor + d.commissionMinor).toBe(d.grossMinor);
    }
  });
});

describe("capDebit", () => {
  it("never takes back more than is left of the credit", () => {
    const debit = { vendorOrderId: "b", grossMinor: 334, commissionMinor: 34, amountMinor: 300 };
    expect(capDebit(debit, { amountMinor: 299, commissionMinor: 33 })).toEqual({
      vendorOrderId: "b",
      grossMinor: 332,
      commissionMinor: 33,
      amountMinor: 299,
    });
    expect(capDebit(debit, { amountMinor: 1000, commissionMinor: 1000 })).toEqual(debit);
  });
});
