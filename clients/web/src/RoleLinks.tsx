import { useQuery } from "@apollo/client";
import { WebRoleLinksDocument } from "../../__generated__/web/graphql";
import { Link } from "./Link";

/**
 * The header's links for the viewer's roles, from one query: "Clinic" for staff of a clinic, "Sell" for people
 * of a vendor ("Apply to sell" for everyone else), "Admin" for platform admins.
 */
export function RoleLinks() {
  const { data } = useQuery(WebRoleLinksDocument);
  if (!data) return null;
  const hasVendors = (data.myVendors?.edges.length ?? 0) > 0;
  return (
    <>
      {(data.me?.clinicMemberships.length ?? 0) > 0 && <Link to="/clinic">Clinic</Link>}
      <Link to="/sell">{hasVendors ? "Sell" : "Apply to sell"}</Link>
      {data.me?.roles.includes("PLATFORM_ADMIN") && <Link to="/admin">Admin</Link>}
    </>
  );
}
