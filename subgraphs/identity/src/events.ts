import { z } from "zod";
import { defineEvent, ERASURE_DUE_CONTRACT, EXPORT_REQUESTED_CONTRACT, privacyAnswersOf } from "@pawgraph/subgraph-kit";

/** The domain events identity publishes through its outbox: name, version, payload schema and type. */
export const IDENTITY_SCHEMA = "identity";

const USER = "2c4e6a8b-0d2f-4b6d-8f1a-3c5e7a9b1d66";

export const EMAIL_VERIFICATION_REQUESTED = defineEvent({
  source: IDENTITY_SCHEMA,
  name: "user.email_verification_requested",
  description:
    "An account must confirm its address: messaging emails the token to it (transactional: no preference turns it off). " +
    "The token is the only copy outside the mail.",
  payload: z.strictObject({
    userId: z.string().describe("The account."),
    email: z.string().describe("The address to confirm and to send the mail to."),
    displayName: z.string().describe("How the mail greets the person."),
    token: z.string().describe("The single-use verification token; identity keeps only its hash."),
    expiresAt: z.iso.datetime().describe("When the token stops working."),
  }),
  example: {
    userId: USER,
    email: "maria@example.test",
    displayName: "Maria",
    token: "Jq3x9Zt0bV7mK2pL5sW8yN1cR4fH6dA0eG3iU9oQ2wE",
    expiresAt: "2026-12-02T15:00:00.000Z",
  },
});

export const REGISTRATION_ATTEMPTED = defineEvent({
  source: IDENTITY_SCHEMA,
  name: "user.registration_attempted",
  description:
    "Someone tried to register an address that already has an account: register answered as for a new address, " +
    "and messaging tells the account's owner instead (transactional).",
  payload: z.strictObject({
    userId: z.string().describe("The account that already has the address."),
    email: z.string().describe("The address."),
    displayName: z.string().describe("How the mail greets the account's owner."),
  }),
  example: { userId: USER, email: "maria@example.test", displayName: "Maria" },
});

export const PASSWORD_RESET_REQUESTED = defineEvent({
  source: IDENTITY_SCHEMA,
  name: "user.password_reset_requested",
  description:
    "Someone asked to reset the password of the account with this address: messaging emails the token to it " +
    "(transactional: no preference turns it off). Nothing is written for an address without an account. " +
    "The token is the only copy outside the mail.",
  payload: z.strictObject({
    userId: z.string().describe("The account."),
    email: z.string().describe("The account's address, where the mail goes."),
    displayName: z.string().describe("How the mail greets the person."),
    token: z.string().describe("The single-use reset token; identity keeps only its hash."),
    expiresAt: z.iso.datetime().describe("When the token stops working (15 minutes after the request)."),
  }),
  example: {
    userId: USER,
    email: "maria@example.test",
    displayName: "Maria",
    token: "Vb2n8Kd4qR7tX1zL6pW3sY9mF0hJ5cA8eG2iU4oQ7wE",
    expiresAt: "2026-12-02T15:15:00.000Z",
  },
});

export const DATA_EXPORT_READY = defineEvent({
  source: IDENTITY_SCHEMA,
  name: "privacy.export_ready",
  description:
    "Every subgraph's part of a person's data export is in and the ZIP is assembled: messaging tells the person " +
    "(email and in-app; transactional) with a signed download link. The link is a bearer capability until it expires.",
  payload: z.strictObject({
    exportId: z.string().describe("The export (`dataExport(id)`)."),
    userId: z.string().describe("The account the data is about, who is told."),
    email: z.string().describe("The account's address."),
    displayName: z.string().describe("How the mail greets the person."),
    downloadUrl: z.string().describe("A signed link to the ZIP."),
    linkExpiresAt: z.iso
      .datetime()
      .describe("When the link stops working; `dataExport(id).downloadUrl` gives a fresh one until `availableUntil`."),
    availableUntil: z.iso.datetime().describe("When the export is deleted."),
  }),
  example: {
    exportId: "5a0c2e4f-6b8d-4f1a-9c3e-5b7d9f1a3c01",
    userId: USER,
    email: "maria@example.test",
    displayName: "Maria",
    downloadUrl:
      "https://files.example.test/privacy/exports/5a0c2e4f-6b8d-4f1a-9c3e-5b7d9f1a3c01/pawgraph-data.zip?sig=…",
    linkExpiresAt: "2026-12-03T15:00:00.000Z",
    availableUntil: "2026-12-09T15:00:00.000Z",
  },
});

export const ACCOUNT_DELETION_SCHEDULED = defineEvent({
  source: IDENTITY_SCHEMA,
  name: "privacy.account_deletion_scheduled",
  description:
    "A person asked for their account to be deleted: messaging tells them (email and in-app; transactional) when " +
    "it will happen and that signing in and cancelling stops it.",
  payload: z.strictObject({
    deletionId: z.string().describe("The deletion request."),
    userId: z.string().describe("The account."),
    email: z.string().describe("The account's address."),
    displayName: z.string().describe("How the mail greets the person."),
    erasureDueAt: z.iso.datetime().describe("When erasure starts unless cancelled before."),
  }),
  example: {
    deletionId: "7c2e4a6b-8d0f-4b1a-9c3e-5d7f9b1a3c02",
    userId: USER,
    email: "maria@example.test",
    displayName: "Maria",
    erasureDueAt: "2026-12-16T15:00:00.000Z",
  },
});

export type EmailVerificationRequestedPayload = z.infer<typeof EMAIL_VERIFICATION_REQUESTED.payload>;
export type RegistrationAttemptedPayload = z.infer<typeof REGISTRATION_ATTEMPTED.payload>;
export type PasswordResetRequestedPayload = z.infer<typeof PASSWORD_RESET_REQUESTED.payload>;

/** Every event identity publishes; `npm run generate` writes each one's JSON Schema under events/identity/. */
export const PUBLISHED_EVENTS = [
  EMAIL_VERIFICATION_REQUESTED,
  REGISTRATION_ATTEMPTED,
  PASSWORD_RESET_REQUESTED,
  EXPORT_REQUESTED_CONTRACT,
  ERASURE_DUE_CONTRACT,
  DATA_EXPORT_READY,
  ACCOUNT_DELETION_SCHEDULED,
  // identity writes its part of exports; it erases itself last, after every other subgraph answered.
  privacyAnswersOf(IDENTITY_SCHEMA).partWritten,
];
