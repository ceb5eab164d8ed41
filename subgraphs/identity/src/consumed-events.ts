import { z } from "zod";
import { EXPORT_REQUESTED, readEvent } from "@pawgraph/subgraph-kit";
import { PRIVACY_ANSWER_READERS } from "./privacy/participants";

/**
 * identity's own copy of the events it reads from other subgraphs: only the fields it uses. The
 * contract tests check each against its producer's committed JSON Schema (events/<source>/).
 */
export const CLINIC_APPROVED = readEvent({
  source: "bookings",
  name: "clinic.approved",
  payload: z.object({ clinicId: z.string(), createdBy: z.string() }),
});

/** catalog approved a vendor: its applicant becomes the vendor's first VENDOR_ADMIN. */
export const VENDOR_APPROVED = readEvent({
  source: "catalog",
  name: "vendor.approved",
  payload: z.object({ vendorId: z.string(), appliedBy: z.string() }),
});

/** catalog suspended a vendor: nobody holds a role there any more. */
export const VENDOR_SUSPENDED = readEvent({
  source: "catalog",
  name: "vendor.suspended",
  payload: z.object({ vendorId: z.string() }),
});

export const CONSUMED_EVENTS = [
  CLINIC_APPROVED,
  VENDOR_APPROVED,
  VENDOR_SUSPENDED,
  // identity reads its own privacy.export_requested like every participant, and every participant's answers.
  EXPORT_REQUESTED,
  ...PRIVACY_ANSWER_READERS,
];
