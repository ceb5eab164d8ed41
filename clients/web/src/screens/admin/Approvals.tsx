import { useMutation, useQuery } from "@apollo/client";
import { useState } from "react";
import { ReviewVendorDocument, WebPendingVendorsDocument } from "../../../../__generated__/web/graphql";
import { PendingClinics } from "./PendingClinics";
import { ReviewQueue, when } from "./ReviewQueue";
import "../vendor/vendor.css";

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

  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Approvals</h1>
      <p role="status" className={message?.problem ? "error" : undefined}>
        {message?.text}
      </p>
      <ReviewQueue
        title="Shops waiting for approval"
        idPrefix="vendor"
        items={data?.vendors?.edges.map(({ node: vendor }) => ({
          id: vendor.id,
          name: vendor.name,
          facts: [
            ["Contact", vendor.contactEmail],
            ["Where", `${vendor.address.city}, ${vendor.address.country}`],
            ["Currency", vendor.currency],
            ["Applied", when.format(new Date(vendor.createdAt))],
          ],
        }))}
        loading={loading}
        error={error}
        emptyText="No shops are waiting."
        reasonLabel="Reason to reject (shown to the applicant)"
        busy={reviewing.loading}
        decide={(vendorId, reason) =>
          reviewVendor({
            variables: { input: { vendorId, decision: reason ? "REJECT" : "APPROVE", ...(reason ? { reason } : {}) } },
          })
        }
        onMessage={setMessage}
      />
      <PendingClinics onMessage={setMessage} />
    </section>
  );
}
