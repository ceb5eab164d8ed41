import { useApolloClient, useQuery } from "@apollo/client";
import { useEffect, useState } from "react";
import { WebRoleLinksDocument } from "../../../../__generated__/web/graphql";
import { refreshSession } from "../../link";
import { Link } from "../../Link";
import { currentSession } from "../../session";
import { errorMessage } from "../errors";
import { ApplyToSell } from "./ApplyToSell";
import { vendorRoleInToken } from "./claims";
import { VendorOrders } from "./VendorOrders";
import { VendorPayouts } from "./VendorPayouts";
import { VendorProducts } from "./VendorProducts";
import { VendorStock } from "./VendorStock";
import { VENDOR_STATUS } from "./words";
import "./vendor.css";

const TABS = [
  { tab: "products", label: "Products" },
  { tab: "stock", label: "Stock" },
  { tab: "orders", label: "Orders to fulfil" },
  { tab: "payouts", label: "Payouts", adminOnly: true },
] as const;
type Tab = (typeof TABS)[number]["tab"];

/** /sell: my shops (or the application form), and /sell/<vendorId>/<tab>: one shop's products, stock, orders, payouts. */
export function Sell({ path }: { path: string }) {
  const { data, loading, error } = useQuery(WebRoleLinksDocument, { fetchPolicy: "cache-and-network" });
  const match = /^\/sell\/([^/]+)(?:\/([a-z]+))?$/.exec(path);
  const vendors = data?.myVendors?.edges.map((edge) => edge.node) ?? [];

  if (loading && !data) return <p role="status">Loading…</p>;
  if (error && !data)
    return (
      <p role="alert" className="error">
        {errorMessage(error)}
      </p>
    );
  if (match) {
    const vendor = vendors.find((candidate) => candidate.id === decodeURIComponent(match[1]!));
    const tab = (TABS.find((candidate) => candidate.tab === match[2])?.tab ?? "products") as Tab;
    if (!vendor)
      return (
        <section aria-labelledby="sell-title">
          <h1 id="sell-title">Shop not found</h1>
          <p>This is not one of your shops.</p>
          <Link to="/sell">Your shops</Link>
        </section>
      );
    return <VendorShell vendor={vendor} tab={tab} mfaRequired={data?.me?.mfaEnrolmentRequired === true} />;
  }
  if (vendors.length === 0) return <ApplyToSell />;
  return (
    <section aria-labelledby="sell-title">
      <h1 id="sell-title">Your shops</h1>
      <ul className="cards" aria-label="Your shops">
        {vendors.map((vendor) => (
          <li key={vendor.id}>
            {vendor.status === "APPROVED" ? (
              <Link to={`/sell/${vendor.id}/products`}>{vendor.name}</Link>
            ) : (
              <span>{vendor.name}</span>
            )}
            <span>
              {VENDOR_STATUS[vendor.status]}
              {vendor.statusReason && `: ${vendor.statusReason}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * One approved shop with its tabs. Approval grants the applicant VENDOR_ADMIN in identity a moment later
 * (it consumes catalog's vendor.approved), and the API reads roles from the access token: so until the
 * token carries the shop, the session is refreshed (at most 30 times, a second apart).
 */
function VendorShell({
  vendor,
  tab,
  mfaRequired,
}: {
  vendor: { id: string; name: string; status: string };
  tab: Tab;
  /** The platform requires two-factor sign-in for this role and it is off: tokens leave the role out. */
  mfaRequired: boolean;
}) {
  const client = useApolloClient();
  const [role, setRole] = useState(() => vendorRoleInToken(currentSession(), vendor.id));
  const [gaveUp, setGaveUp] = useState(false);

  useEffect(() => {
    if (role || vendor.status !== "APPROVED" || mfaRequired) return;
    let stopped = false;
    void (async () => {
      for (let attempt = 0; attempt < 30 && !stopped; attempt++) {
        const found = vendorRoleInToken(await refreshSession().catch(() => null), vendor.id);
        if (found) {
          if (!stopped) setRole(found);
          await client.refetchQueries({ include: [WebRoleLinksDocument] });
          return;
        }
        await new Promise((done) => setTimeout(done, 1_000));
      }
      if (!stopped) setGaveUp(true);
    })();
    return () => {
      stopped = true;
    };
  }, [role, vendor.id, vendor.status, mfaRequired, client]);

  let body;
  if (vendor.status !== "APPROVED") body = <p>{VENDOR_STATUS[vendor.status as keyof typeof VENDOR_STATUS]}.</p>;
  else if (!role && mfaRequired)
    body = (
      <p role="alert" className="error">
        Working on a shop needs two-factor sign-in on this platform. Turn it on in another Pawgraph app, then sign in
        again: the web app cannot set it up yet.
      </p>
    );
  else if (!role)
    body = gaveUp ? (
      <p role="alert" className="error">
        Your access to this shop has not arrived yet: sign out and in again in a minute.
      </p>
    ) : (
      <p role="status">Your shop was approved: getting your access to it…</p>
    );
  else if (tab === "stock") body = <VendorStock vendorId={vendor.id} />;
  else if (tab === "orders") body = <VendorOrders vendorId={vendor.id} />;
  else if (tab === "payouts" && role === "VENDOR_ADMIN") body = <VendorPayouts vendorId={vendor.id} />;
  else body = <VendorProducts vendorId={vendor.id} />;

  return (
    <section aria-labelledby="vendor-title">
      <p>
        <Link to="/sell">← Your shops</Link>
      </p>
      <h1 id="vendor-title">{vendor.name}</h1>
      {role && (
        <nav aria-label="Shop" className="tabs">
          {TABS.filter((entry) => !("adminOnly" in entry) || role === "VENDOR_ADMIN").map((entry) =>
            entry.tab === tab ? (
              <strong key={entry.tab} aria-current="page">
                {entry.label}
              </strong>
            ) : (
              <Link key={entry.tab} to={`/sell/${vendor.id}/${entry.tab}`}>
                {entry.label}
              </Link>
            ),
          )}
        </nav>
      )}
      {body}
    </section>
  );
}
