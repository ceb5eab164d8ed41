import { m, q, v, type SweepCase } from "./authorization-sweep.case";

const range = { from: "2026-01-01", to: "2026-01-31", grouping: "DAY" };

/**
 * The reports subgraph's rows of the authorization sweep (e2e/authorization-sweep.e2e.test.ts): A's
 * clinic's and A's shop's reports and their exports, as B (another clinic's admin, and B's shop's
 * admin for the vendor ones). Both are NOT_FOUND, as if A's clinic or shop did not exist.
 */
export const REPORTS_CASES: Record<string, SweepCase> = {
  "Query.clinicReport clinicId": q(
    `query($c: ID!, $r: ReportRangeInput!) { clinicReport(clinicId: $c, range: $r) { clinicId bookings { booked } } }`,
    (f) => ({ c: f.a.clinicId, r: range }),
  ),
  "Query.vendorReport vendorId": v(
    q(
      `query($v: ID!, $r: ReportRangeInput!) { vendorReport(vendorId: $v, range: $r) { vendorId sales { orders } } }`,
      (f) => ({
        v: f.a.shopId,
        r: range,
      }),
    ),
  ),
  "Mutation.exportReport input.clinicId": m(
    "exportReport",
    "ExportReportInput",
    (f) => ({ kind: "CLINIC_BOOKINGS", range, clinicId: f.a.clinicId }),
    "NOT_FOUND",
    "url",
  ),
  "Mutation.exportReport input.vendorId": v(
    m(
      "exportReport",
      "ExportReportInput",
      (f) => ({ kind: "VENDOR_SALES", range, vendorId: f.a.shopId }),
      "NOT_FOUND",
      "url",
    ),
  ),
};
