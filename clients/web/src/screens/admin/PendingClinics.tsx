import { useMutation, useQuery } from "@apollo/client";
import { ReviewClinicDocument, WebPendingClinicsDocument } from "../../../../__generated__/web/graphql";
import { ReviewQueue, when } from "./ReviewQueue";

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
  return (
    <ReviewQueue
      title="Clinics waiting for approval"
      idPrefix="clinic"
      items={data?.clinics?.edges.map(({ node: clinic }) => ({
        id: clinic.id,
        name: clinic.name,
        facts: [
          ["Address", `${clinic.address.line}, ${clinic.address.city}, ${clinic.address.country}`],
          ["Time zone", clinic.timeZone],
          ["Registered", when.format(new Date(clinic.createdAt))],
        ],
      }))}
      loading={loading}
      error={error}
      emptyText="No clinics are waiting."
      reasonLabel="Reason to reject (shown to the clinic’s people)"
      busy={reviewing.loading}
      decide={(clinicId, reason) =>
        reviewClinic({
          variables: { input: { clinicId, approve: !reason, ...(reason ? { reason } : {}) } },
          awaitRefetchQueries: true,
        })
      }
      onMessage={onMessage}
    />
  );
}
