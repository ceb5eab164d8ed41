import { z } from "zod";
import { defineEvent, readEvent } from "../outbox/contract";

/**
 * The events of a privacy request (docs/decisions/0048). identity starts each request and finishes
 * it; every subgraph holding personal data takes part and says when its share is done.
 */

/** The subgraph that starts privacy requests and deletes the account last. */
export const PRIVACY_COORDINATOR = "identity";

/** Where an export's parts and its ZIP live in the shared privacy store: `exports/<id>/…`. */
export const exportPartKey = (exportId: string, subgraph: string) => `exports/${exportId}/${subgraph}.json`;

const subjectFields = {
  userId: z.string().describe("The account whose data it is."),
  email: z
    .string()
    .nullable()
    .describe("Its address, for rows that name the person by email (a share, an invitation)."),
};

/** identity's `privacy.export_requested`, as every participant reads it. */
export const EXPORT_REQUESTED = readEvent({
  source: PRIVACY_COORDINATOR,
  name: "privacy.export_requested",
  payload: z.object({ exportId: z.string(), ...subjectFields }),
});

/** identity's `privacy.erasure_due`, as every participant reads it. */
export const ERASURE_DUE = readEvent({
  source: PRIVACY_COORDINATOR,
  name: "privacy.erasure_due",
  payload: z.object({ deletionId: z.string(), ...subjectFields }),
});

const EXAMPLE_USER = "2c4e6a8b-0d2f-4b6d-8f1a-3c5e7a9b1d66";

/** The contracts identity publishes for these two, matching the readers above field for field. */
export const EXPORT_REQUESTED_CONTRACT = defineEvent({
  source: PRIVACY_COORDINATOR,
  name: "privacy.export_requested",
  description:
    "A person asked for a copy of their data: every subgraph that holds personal data writes its part to the " +
    "privacy store and answers with privacy.export_part_written.",
  payload: z.strictObject({
    exportId: z.string().describe("The export (identity's `dataExport(id)`)."),
    ...subjectFields,
  }),
  example: { exportId: "5a0c2e4f-6b8d-4f1a-9c3e-5b7d9f1a3c01", userId: EXAMPLE_USER, email: "maria@example.test" },
});

export const ERASURE_DUE_CONTRACT = defineEvent({
  source: PRIVACY_COORDINATOR,
  name: "privacy.erasure_due",
  description:
    "A person's account deletion passed its grace period: every subgraph deletes or anonymises what it holds " +
    "about them by its personal-data list and answers with privacy.erasure_completed; identity deletes the account last.",
  payload: z.strictObject({ deletionId: z.string().describe("The deletion request."), ...subjectFields }),
  example: { deletionId: "7c2e4a6b-8d0f-4b1a-9c3e-5d7f9b1a3c02", userId: EXAMPLE_USER, email: "maria@example.test" },
});

/** The two events `subgraph` publishes when it has done its share of a request. */
export function privacyAnswersOf(subgraph: string) {
  return {
    partWritten: defineEvent({
      source: subgraph,
      name: "privacy.export_part_written",
      description: `${subgraph} wrote its part of a person's data export to the privacy store.`,
      payload: z.strictObject({
        exportId: z.string().describe("The export."),
        subgraph: z.string().describe("The subgraph whose part it is."),
        key: z.string().describe("The part's key in the privacy store."),
        rows: z.number().int().describe("How many rows the part holds."),
      }),
      example: {
        exportId: "5a0c2e4f-6b8d-4f1a-9c3e-5b7d9f1a3c01",
        subgraph,
        key: exportPartKey("5a0c2e4f-6b8d-4f1a-9c3e-5b7d9f1a3c01", subgraph),
        rows: 12,
      },
    }),
    erasureCompleted: defineEvent({
      source: subgraph,
      name: "privacy.erasure_completed",
      description: `${subgraph} deleted or anonymised everything it held about a person whose account is being deleted.`,
      payload: z.strictObject({
        deletionId: z.string().describe("The deletion request."),
        subgraph: z.string().describe("The subgraph that erased its share."),
        rows: z.number().int().describe("Rows deleted or anonymised (0 when a repeat found nothing left)."),
      }),
      example: { deletionId: "7c2e4a6b-8d0f-4b1a-9c3e-5d7f9b1a3c02", subgraph, rows: 7 },
    }),
  };
}

/** A participant's answers: published from its own outbox, read by identity. */
export type PrivacyAnswers = ReturnType<typeof privacyAnswersOf>;
