import { useQuery } from "@apollo/client";
import { WebBusinessNavDocument } from "../../../../__generated__/web/graphql";
import { Link } from "../../Link";

/** "Sell" for people of a vendor (or "Apply to sell"), and "Admin" for platform admins. */
export function BusinessNav() {
  const { data } = useQuery(WebBusinessNavDocument);
  if (!data) return null;
  const hasVendors = (data.myVendors?.edges.length ?? 0) > 0;
  return (
    <>
      <Link to="/sell">{hasVendors ? "Sell" : "Apply to sell"}</Link>
      {data.me?.roles.includes("PLATFORM_ADMIN") && <Link to="/admin">Admin</Link>}
    </>
  );
}
