import type { Session } from "../../session";

/**
 * The vendor roles the session's access token carries (its `vendors` claim): what catalog and orders
 * check. Approval adds the applicant's VENDOR_ADMIN only to tokens issued after identity has granted it.
 */
export function vendorRoleInToken(session: Session | null, vendorId: string): string | undefined {
  const payload = session?.accessToken.split(".")[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const claims = JSON.parse(json) as { vendors?: { vendorId: string; role: string }[] };
    return claims.vendors?.find((membership) => membership.vendorId === vendorId)?.role;
  } catch {
    return undefined;
  }
}

/** "12.50" in a currency with two decimals → 1250; NaN when it is not an amount. */
export function toMinor(amount: string, currency: string): number {
  const digits =
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  if (!/^\d+(\.\d+)?$/.test(amount.trim())) return NaN;
  return Math.round(Number(amount) * 10 ** digits);
}
