import { OfflinePaymentProvider } from "./offline-payment-provider";

const provider = new OfflinePaymentProvider();
const order = { orderId: "ord-1", orderNumber: "PG-1001", amountMinor: 2_500, currency: "eur", buyerId: "user-1" };

describe("OfflinePaymentProvider", () => {
  it("accepts an order as payable at once, with nothing for the client to confirm", async () => {
    expect(provider.name).toBe("OFFLINE");
    expect(provider.publishableKey).toBeNull();
    expect(await provider.createPayment(order)).toEqual({
      reference: "offline_ord-1",
      status: "SUCCEEDED",
      amountMinor: 2_500,
      amountReceivedMinor: 2_500,
      currency: "EUR",
      clientSecret: null,
      orderId: "ord-1",
      lastError: null,
    });
  });

  it("answers reads from the record alone, the same on every instance", async () => {
    const created = await provider.createPayment(order);
    const record = { reference: created.reference, orderId: "ord-1", amountMinor: 2_500, currency: "EUR" };
    expect(await new OfflinePaymentProvider().retrievePayment(record)).toEqual(created);
    expect(await provider.cancelPayment(record)).toMatchObject({ status: "CANCELED", amountReceivedMinor: 0 });
  });

  it("refunds at once under a reference derived from the refund id", async () => {
    const refund = await provider.refund({
      refundId: "rf-1",
      orderId: "ord-1",
      paymentReference: "offline_ord-1",
      amountMinor: 1_000,
      currency: "EUR",
      reason: "Changed mind",
    });
    expect(refund).toEqual({
      reference: "offline_refund_rf-1",
      status: "SUCCEEDED",
      amountMinor: 1_000,
      currency: "EUR",
      paymentReference: "offline_ord-1",
      refundId: "rf-1",
      failureReason: null,
    });
    expect(await provider.retrieveRefund({ ...refund, refundId: "rf-1" })).toEqual(refund);
  });

  it("refuses amounts that are not positive integers in minor units", async () => {
    await expect(provider.createPayment({ ...order, amountMinor: 0 })).rejects.toMatchObject({ retryable: false });
    await expect(provider.createPayment({ ...order, amountMinor: 12.5 })).rejects.toThrow(/minor units/);
  });
});
