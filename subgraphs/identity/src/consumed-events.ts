import { z } from "zod";
import { readEvent } from "@pawgraph/subgraph-kit";

/**
 * identity's own copy of the events it reads from other subgraphs: only the fields it uses. The
 * contract tests check each against its producer's committed JSON Schema (events/<source>/).
 */
export const CLINIC_APPROVED = readEvent({
  source: "bookings",
  name: "clinic.approved",
  payload: z.object({ clinicId: z.string(), createdBy: z.string() }),
});

export const CONSUMED_EVENTS = [CLINIC_APPROVED];
