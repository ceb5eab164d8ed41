import { useMutation, useQuery } from "@apollo/client";
import { useState, type FormEvent } from "react";
import { ReviewVendorDocument, WebPendingVendorsDocument } from "../../../../__generated__/web/graphql";
import { PendingClinics } from "./PendingClinics";
import { errorMessage } from "../errors";
import "../vendor/vendor.css";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/**
 * Platform admins' approvals: shops waiting for review (`vendors(status: PENDING)`), approved or rejected
 * with a reason, then clinics waiting for review (`PendingClinics`).
 */
export function Approvals() {
  const { data, loading, error } = useQuery(WebPendingVendorsDocument, { fetchPolicy: "cache-and-network" });
  const [reviewVendor, reviewing] = useMutation(ReviewVendorDocument, {
    refetchQueries: [WebPendingVendorsDocument],
  });
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  const vendors = data?.vendors?.edges.map((edge) => edge.node) ?? [];

  async function review(vendorId: string, name: string, reason?: string) {
    setMessage(null);
    try {
      await reviewVendor({
        variables: { input: { vendorId, decision: reason ? "REJECT" : "APPROVE", ...(reason ? { reason } : {}) } },
      });
      setMessage({ text: reason ? `${name} was rejected.` : `${name} was approved.`, problem: false });
    } catch (failure) {
      setMessage({ text: errorMessage(failure), problem: true });
    }
  }

  function reject(event: FormEvent<HTMLFormElement>, vendorId: string, name: string) {
    event.preventDefault();
    void review(vendorId, name, String(new FormData(event.currentTarget).get("reason")).trim());
  }

  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Approvals</h1>
      <p role="status" className={message?.problem ? "error" : undefined}>
        {message?.text}
      </p>
      <section aria-labelledby="pending-shops-title">
        <h2 id="pending-shops-title">Shops waiting for approval</h2>
        {loading && !data && <p role="status">Loading…</p>}
        {error && (
          <p role="alert" className="error">
            {errorMessage(error)}
          </p>
        )}
        {data && vendors.length === 0 && <p>No shops are waiting.</p>}
        {vendors.map((vendor) => (
          <article key={vendor.id} aria-labelledby={`vendor-${vendor.id}`} className="order">
            <h3 id={`vendor-${vendor.id}`}>{vendor.name}</h3>
            <dl className="facts">
              <dt>Contact</dt>
              <dd>{vendor.contactEmail}</dd>
              <dt>Where</dt>
              <dd>
                {vendor.address.city}, {vendor.address.country}
              </dd>
              <dt>Currency</dt>
              <dd>{vendor.currency}</dd>
              <dt>Applied</dt>
              <dd>{when.format(new Date(vendor.createdAt))}</dd>
            </dl>
            <button
              type="button"
              disabled={reviewing.loading}
              aria-label={`Approve ${vendor.name}`}
              onClick={() => void review(vendor.id, vendor.name)}
            >
              Approve
            </button>
            <form className="inline" onSubmit={(event) => reject(event, vendor.id, vendor.name)}>
              <label htmlFor={`reason-${vendor.id}`}>Reason to reject (shown to the applicant)</label>
              <input id={`reason-${vendor.id}`} name="reason" required maxLength={1000} />
              <button type="submit" disabled={reviewing.loading} aria-label={`Reject ${vendor.name}`}>
                Reject
              </button>
            </form>
          </article>
        ))}
      </section>
      <PendingClinics onMessage={setMessage} />
    </section>
  );
}
