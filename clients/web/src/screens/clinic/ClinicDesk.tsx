import { useQuery } from "@apollo/client";
import { useState } from "react";
import { ClinicDocument, MeDocument, type Role } from "../../../../__generated__/web/graphql";
import { navigate } from "../../router";
import { dayOf } from "../booking/time";
import { errorMessage } from "../errors";
import { DayCalendar } from "./DayCalendar";
import { FlaggedMessages } from "./FlaggedMessages";
import "./clinic.css";

/** A clinic's name as an option of the clinic picker. */
function ClinicOption({ id }: { id: string }) {
  const { data } = useQuery(ClinicDocument, { variables: { id } });
  return <option value={id}>{data?.clinic?.name ?? "Clinic"}</option>;
}

/**
 * The clinic desk for its staff: one of my clinics (`me.clinicMemberships`), its day calendar, and for its
 * admins the messages waiting for review (the API answers FORBIDDEN to other staff, so they are not offered it).
 */
export function ClinicDesk({ clinicId }: { clinicId?: string }) {
  const me = useQuery(MeDocument);
  const roles = new Map<string, Role[]>();
  for (const membership of me.data?.me?.clinicMemberships ?? [])
    roles.set(membership.clinicId, [...(roles.get(membership.clinicId) ?? []), membership.role]);
  const chosen = clinicId ?? [...roles.keys()][0];
  const clinic = useQuery(ClinicDocument, { variables: { id: chosen ?? "" }, skip: !chosen });
  const timeZone = clinic.data?.clinic?.timeZone;
  const [day, setDay] = useState<string | null>(null);

  if (me.loading && !me.data) return <p role="status">Loading…</p>;
  if (me.error)
    return (
      <p role="alert" className="error">
        {errorMessage(me.error)}
      </p>
    );
  if (!chosen) return <p>You do not work at a clinic on Pawgraph.</p>;
  if (!roles.has(chosen)) return <p>You do not work at this clinic on Pawgraph.</p>;

  return (
    <section aria-labelledby="clinic-title" className="clinic-desk">
      <h1 id="clinic-title">{clinic.data?.clinic?.name ?? "Clinic"}</h1>
      {roles.size > 1 && (
        <>
          <label htmlFor="clinic-pick">Clinic</label>
          <select
            id="clinic-pick"
            value={chosen}
            onChange={(event) => {
              setDay(null);
              navigate(`/clinic/${encodeURIComponent(event.target.value)}`);
            }}
          >
            {[...roles.keys()].map((id) => (
              <ClinicOption key={id} id={id} />
            ))}
          </select>
        </>
      )}
      {clinic.error && (
        <p role="alert" className="error">
          {errorMessage(clinic.error)}
        </p>
      )}
      {timeZone && (
        <DayCalendar
          clinicId={chosen}
          timeZone={timeZone}
          day={day ?? dayOf(new Date(), timeZone)}
          onDay={(next) => setDay(next)}
        />
      )}
      {roles.get(chosen)!.includes("CLINIC_ADMIN") && <FlaggedMessages clinicId={chosen} />}
    </section>
  );
}
