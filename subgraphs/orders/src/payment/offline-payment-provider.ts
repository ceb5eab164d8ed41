import {
  assertAmount,
  normalizeCurrency,
  type CreatePaymentInput,
  type PaymentProvider,
  type PaymentRecord,
  type ProviderPayment,
  type ProviderRefund,
  type RefundInput,
  type RefundRecord,
} from "./payment-provider";

/**
 * "Pay at the clinic / on delivery": no money moves through Pawgraph. An order is accepted as
 * payable outside the platform (the business collects at pickup or delivery), so its payment is
 * SUCCEEDED at once and a refund is SUCCEEDED at once (the business pays back in person).
 *
 * For development and demos without Stripe credentials, and for businesses that collect payment
 * themselves. It keeps no state: every answer is derived from our ids and the record orders passes
 * in, so it behaves the same after a restart and on every replica.
 */
export class OfflinePaymentProvider implements PaymentProvider {
  readonly name = "OFFLINE" as const;
  readonly publishableKey = null;
  /** Nothing is charged through Pawgraph: a care plan's runs are accepted as offline orders. */
  readonly offSession = null;

  async createPayment(input: CreatePaymentInput): Promise<ProviderPayment> {
    assertAmount(input.amountMinor);
    return payment(
      {
        reference: offlinePaymentReference(input.orderId),
        orderId: input.orderId,
        amountMinor: input.amountMinor,
        currency: input.currency,
      },
      "SUCCEEDED",
    );
  }

  async retrievePayment(record: PaymentRecord): Promise<ProviderPayment> {
    return payment(record, "SUCCEEDED");
  }

  /** Nothing was collected yet, so nothing is kept: the order is simply not to be paid at pickup. */
  async cancelPayment(record: PaymentRecord): Promise<ProviderPayment> {
    return payment(record, "CANCELED");
  }

  async refund(input: RefundInput): Promise<ProviderRefund> {
    assertAmount(input.amountMinor);
    return {
      reference: offlineRefundReference(input.refundId),
      status: "SUCCEEDED",
      amountMinor: input.amountMinor,
      currency: normalizeCurrency(input.currency),
      paymentReference: input.paymentReference,
      refundId: input.refundId,
      failureReason: null,
    };
  }

  async retrieveRefund(record: RefundRecord): Promise<ProviderRefund> {
    return {
      reference: record.reference,
      status: "SUCCEEDED",
      amountMinor: record.amountMinor,
      currency: normalizeCurrency(record.currency),
      paymentReference: record.paymentReference,
      refundId: record.refundId,
      failureReason: null,
    };
  }
}

export const offlinePaymentReference = (orderId: string): string => `offline_${orderId}`;
export const offlineRefundReference = (refundId: string): string => `offline_refund_${refundId}`;

function payment(record: PaymentRecord, status: "SUCCEEDED" | "CANCELED"): ProviderPayment {
  return {
    reference: record.reference,
    status,
    amountMinor: record.amountMinor,
    // Accepted as payable: for the order's purposes the amount is settled, collected off-platform.
    amountReceivedMinor: status === "SUCCEEDED" ? record.amountMinor : 0,
    currency: normalizeCurrency(record.currency),
    clientSecret: null,
    orderId: record.orderId,
    lastError: null,
  };
}
