import { useMutation, useQuery } from "@apollo/client";
import { useState } from "react";
import {
  StartPayoutOnboardingDocument,
  VendorPayoutAccountDocument,
  VendorPayoutBalancesDocument,
  VendorPayoutLedgerDocument,
} from "../../../../__generated__/web/graphql";
import { errorMessage } from "../errors";
import { formatMoney } from "../shop/money";
import { PAYOUT_STATUS } from "./words";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

/** A shop's payout account (onboarding status), balances and ledger; its VENDOR_ADMINs only. */
export function VendorPayouts({ vendorId }: { vendorId: string }) {
  const variables = { vendorId };
  const account = useQuery(VendorPayoutAccountDocument, { variables, fetchPolicy: "cache-and-network" });
  const balances = useQuery(VendorPayoutBalancesDocument, { variables, fetchPolicy: "cache-and-network" });
  const ledger = useQuery(VendorPayoutLedgerDocument, {
    variables: { vendorId, first: 20 },
    fetchPolicy: "cache-and-network",
  });
  const [startOnboarding, starting] = useMutation(StartPayoutOnboardingDocument, {
    refetchQueries: [{ query: VendorPayoutAccountDocument, variables }],
  });
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  const status = account.data?.vendorPayoutAccount?.status;
  const entries = ledger.data?.vendorPayoutLedger?.edges.map((edge) => edge.node) ?? [];
  const error = account.error ?? balances.error ?? ledger.error;

  async function setUp() {
    setMessage(null);
    try {
      const { data } = await startOnboarding({ variables: { input: { vendorId } } });
      const url = data?.startPayoutOnboarding.url;
      // Stripe's hosted onboarding: it sends the person back to the platform's return address.
      if (url) window.location.assign(url);
      else setMessage({ text: "Nothing to set up: the platform settles your payouts manually.", problem: false });
    } catch (failure) {
      setMessage({ text: errorMessage(failure), problem: true });
    }
  }

  return (
    <>
      <h2>Payouts</h2>
      {error && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      <p role="status" className={message?.problem ? "error" : undefined}>
        {message?.text}
      </p>
      <dl className="facts">
        <dt>Payout account</dt>
        <dd>{status ? PAYOUT_STATUS[status] : "…"}</dd>
      </dl>
      {(status === "NOT_CONNECTED" || status === "ONBOARDING") && (
        <button type="button" disabled={starting.loading} onClick={() => void setUp()}>
          {status === "ONBOARDING" ? "Continue setting up payouts" : "Set up payouts"}
        </button>
      )}
      <h3>Balances</h3>
      {balances.data && (balances.data.vendorPayoutBalances ?? []).length === 0 && <p>Nothing earned yet.</p>}
      {(balances.data?.vendorPayoutBalances ?? []).length > 0 && (
        <table>
          <caption className="visually-hidden">Balances</caption>
          <thead>
            <tr>
              <th scope="col">Currency</th>
              <th scope="col">Owed to you</th>
              <th scope="col">Transferred</th>
              <th scope="col">To settle manually</th>
              <th scope="col">Commission</th>
            </tr>
          </thead>
          <tbody>
            {balances.data!.vendorPayoutBalances!.map((balance) => {
              const money = (amountMinor: number) => formatMoney({ amountMinor, currency: balance.currency });
              return (
                <tr key={balance.currency}>
                  <th scope="row">{balance.currency}</th>
                  <td>{money(balance.balanceMinor)}</td>
                  <td>{money(balance.transferredMinor - balance.reversedMinor)}</td>
                  <td>{money(balance.manualBalanceMinor)}</td>
                  <td>{money(balance.commissionMinor)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h3>Ledger</h3>
      {ledger.data && entries.length === 0 && <p>No entries yet: each order is credited here once it ships.</p>}
      {entries.length > 0 && (
        <table>
          <caption className="visually-hidden">Ledger</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Order</th>
              <th scope="col">Credit or debit</th>
              <th scope="col">Amount</th>
              <th scope="col">Commission</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{when.format(new Date(entry.createdAt))}</td>
                <th scope="row">{entry.orderNumber}</th>
                <td>{entry.direction === "CREDIT" ? "Credit" : "Debit"}</td>
                <td>{formatMoney(entry.amount)}</td>
                <td>{formatMoney(entry.commission)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
