import { PaymentProviderValue, type PaymentSession as PaymentSessionType } from "../order/order.types";
import type { PaymentSession } from "./payment.service";

export function toPaymentSession(session: PaymentSession): PaymentSessionType {
  return {
    provider: session.provider as PaymentProviderValue,
    status: session.status,
    clientSecret: session.clientSecret,
    publishableKey: session.publishableKey,
    amount: { amountMinor: session.amountMinor, currency: session.currency },
  };
}
