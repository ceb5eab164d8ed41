import { useMutation } from "@apollo/client";
import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
// The pure entry loads Stripe.js at the first loadStripe call, not on import: pages without a card step fetch nothing from Stripe.
import { loadStripe } from "@stripe/stripe-js/pure";
import type { Stripe } from "@stripe/stripe-js";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { FinalizePaymentDocument, StartPaymentDocument } from "../../../../__generated__/web/graphql";
import { errorMessage } from "../errors";
import { formatMoney } from "./money";

/** Stripe.js once per publishable key (loadStripe adds its script to the page at the first call). */
const stripes = new Map<string, Promise<Stripe | null>>();
function stripeFor(publishableKey: string): Promise<Stripe | null> {
  if (!stripes.has(publishableKey)) stripes.set(publishableKey, loadStripe(publishableKey));
  return stripes.get(publishableKey)!;
}

/**
 * The card step of an order awaiting a Stripe payment: the order's payment session (`startPayment`), Stripe
 * Elements' Payment Element with the session's publishable key and client secret, `confirmPayment`, then
 * `finalizePayment`, which re-reads the payment from Stripe and records it: the cached order turns paid.
 * A bank's check that leaves the page (3-D Secure) comes back with `?payment_intent=`: finalized on return.
 */
export function PayByCard({ orderId }: { orderId: string }) {
  const [startPayment, { data, error }] = useMutation(StartPaymentDocument);
  const [finalize, finalized] = useMutation(FinalizePaymentDocument);
  const returned = useRef(new URLSearchParams(window.location.search).get("payment_intent"));

  useEffect(() => {
    if (returned.current) void finalize({ variables: { paymentIntentId: returned.current } }).catch(() => undefined);
    else void startPayment({ variables: { orderId } }).catch(() => undefined);
  }, [orderId, startPayment, finalize]);

  const session = data?.startPayment;
  const stripe = useMemo(() => (session?.publishableKey ? stripeFor(session.publishableKey) : null), [session]);
  const problem = error ?? finalized.error;

  if (problem)
    return (
      <p role="alert" className="error">
        {errorMessage(problem)}
      </p>
    );
  if (returned.current) return <p role="status">Checking your payment…</p>;
  if (!session) return <p role="status">Preparing the payment…</p>;
  if (session.provider !== "STRIPE" || !session.clientSecret || !stripe) return null;
  return (
    <section aria-labelledby="pay-title" className="pay">
      <h2 id="pay-title">Pay by card</h2>
      <Elements stripe={stripe} options={{ clientSecret: session.clientSecret }}>
        <CardForm amount={formatMoney(session.amount)} onPaid={finalize} />
      </Elements>
    </section>
  );
}

function CardForm({
  amount,
  onPaid,
}: {
  amount: string;
  onPaid: (options: { variables: { paymentIntentId: string } }) => Promise<unknown>;
}) {
  const stripe = useStripe();
  const elements = useElements();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  async function pay(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!stripe || !elements) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const submitted = await elements.submit();
      if (submitted.error) return setProblem(submitted.error.message);
      const { error, paymentIntent } = await stripe.confirmPayment({
        elements,
        redirect: "if_required",
        confirmParams: { return_url: window.location.href },
      });
      if (error) return setProblem(error.message ?? "The payment did not go through.");
      await onPaid({ variables: { paymentIntentId: paymentIntent.id } });
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void pay(event)}>
      <PaymentElement />
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <button type="submit" disabled={!stripe || busy}>
        {busy ? "Paying…" : `Pay ${amount}`}
      </button>
    </form>
  );
}
