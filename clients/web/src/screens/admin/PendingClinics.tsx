import { useMutation, useQuery } from "@apollo/client";
import type { FormEvent } from "react";
import { ReviewClinicDocument, WebPendingClinicsDocument } from "../../../../__generated__/web/graphql";
import { errorMessage } from "../errors";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/**
 * Clinics waiting for a platform admin (`clinics(status: PENDING)`, oldest registered first), approved or
 * rejected with a reason (`reviewClinic`, kept as the clinic's `statusReason`); the list is read again after
 * each decision. Outcomes go to the Approvals screen's status line (`onMessage`).
 */
export function PendingClinics({
  onMessage,
}: {
  onMessage: (message: { text: string; problem: boolean } | null) => void;
}) {
  const { data, loading, error } = useQuery(WebPendingClinicsDocument, { fetchPolicy: "cache-and-network" });
  const [reviewClinic, reviewing] = useMutation(ReviewClinicDocument, { refetchQueries: [WebPendingClinicsDocument] });
  const clinics = data?.clinics?.edges.map((edge) => edge.node) ?? [];

  async function review(clinicId: string, name: string, reason?: string) {
    onMessage(null);
    try {
      await reviewClinic({
        variables: { input: { clinicId, approve: !reason, ...(reason ? { reason } : {}) } },
        awaitRefetchQueries: true,
      });
      onMessage({ text: reason ? `${name} was rejected.` : `${name} was approved.`, problem: false });
    } catch (failure) {
      onMessage({ text: errorMessage(failure), problem: true });
    }
  }

  function reject(event: FormEvent<HTMLFormElement>, clinicId: string, name: string) {
    event.preventDefault();
    void review(clinicId, name, String(new FormData(event.currentTarget).get("reason")).trim());
  }

  return (
    <section aria-labelledby="pending-clinics-title">
      <h2 id="pending-clinics-title">Clinics waiting for approval</h2>
      {loading && !data && <p role="status">Loading…</p>}
      {error && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      {data && clinics.length === 0 && <p>No clinics are waiting.</p>}
      {clinics.map((clinic) => (
        <article key={clinic.id} aria-labelledby={`clinic-${clinic.id}`} className="order">
          <h3 id={`clinic-${clinic.id}`}>{clinic.name}</h3>
          <dl className="facts">
            <dt>Address</dt>
            <dd>
              {clinic.address.line}, {clinic.address.city}, {clinic.address.country}
            </dd>
            <dt>Time zone</dt>
            <dd>{clinic.timeZone}</dd>
            <dt>Registered</dt>
            <dd>{when.format(new Date(clinic.createdAt))}</dd>
          </dl>
          <button
            type="button"
            disabled={reviewing.loading}
            aria-label={`Approve ${clinic.name}`}
            onClick={() => void review(clinic.id, clinic.name)}
          >
            Approve
          </button>
          <form className="inline" onSubmit={(event) => reject(event, clinic.id, clinic.name)}>
            <label htmlFor={`clinic-reason-${clinic.id}`}>Reason to reject (shown to the clinic’s people)</label>
            <input id={`clinic-reason-${clinic.id}`} name="reason" required maxLength={1000} />
            <button type="submit" disabled={reviewing.loading} aria-label={`Reject ${clinic.name}`}>
              Reject
            </button>
          </form>
        </article>
      ))}
    </section>
  );
}
