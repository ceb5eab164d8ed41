import { useQuery } from "@apollo/client";
import { MeDocument } from "../../../../__generated__/web/graphql";
import { Link } from "../../Link";

/** The "Clinic" link, shown only to people who hold a role at a clinic (`me.clinicMemberships`). */
export function ClinicNavLink() {
  const { data } = useQuery(MeDocument);
  if (!data?.me?.clinicMemberships.length) return null;
  return <Link to="/clinic">Clinic</Link>;
}
