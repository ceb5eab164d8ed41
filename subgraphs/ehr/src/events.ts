import { z } from "zod";
import { defineEvent, privacyAnswersOf } from "@pawgraph/subgraph-kit";

/** The domain events ehr publishes through its outbox: name, version, payload schema and type. */
export const EHR_SCHEMA = "ehr";

const PET = "5e7f9a1b-3c5d-4e7f-8a9b-1c3d5e7f9a55";
const CLINIC = "0b9a4c2e-8d1f-4e6a-a7b3-5c2d9e8f1a22";

export const VACCINATION_RECORDED = defineEvent({
  source: EHR_SCHEMA,
  name: "vaccination.recorded",
  description: "A clinic recorded a vaccination in a pet's health record; the owners are told.",
  payload: z.strictObject({
    vaccinationId: z.string().describe("The vaccination recorded."),
    petId: z.string().describe("The pet vaccinated."),
    clinicId: z.string().describe("The clinic that recorded it."),
    vaccine: z.string().describe("The vaccine's name as recorded."),
    vaccineCode: z.string().nullable().describe("Its code (e.g. a VeNom or ATCvet code), when recorded."),
    givenAt: z.iso.datetime().describe("When it was given."),
    nextDueOn: z.iso.date().nullable().describe("When the next dose is due (a date), if a rule says."),
  }),
  example: {
    vaccinationId: "4a6c8e0f-2b4d-4f6a-8c0e-2a4c6e8f0a88",
    petId: PET,
    clinicId: CLINIC,
    vaccine: "Rabies",
    vaccineCode: null,
    givenAt: "2026-11-20T10:00:00.000Z",
    nextDueOn: "2029-11-20",
  },
});

export const REMINDER_DUE = defineEvent({
  source: EHR_SCHEMA,
  name: "reminder.due",
  description: "A care reminder (a booster, a check-up) falls due soon; written once per reminder by ehr's daily job.",
  payload: z.strictObject({
    reminderId: z.string().describe("The reminder."),
    petId: z.string().describe("The pet it is for."),
    code: z.string().describe("What it is about, as a code (e.g. RABIES)."),
    title: z.string().describe("What it is about, for people."),
    dueOn: z.iso.date().describe("The day it is due."),
    clinicId: z
      .string()
      .nullable()
      .describe(
        "The clinic whose vaccination set the reminder; null when none did (a rule, or a vaccination given elsewhere).",
      ),
  }),
  example: {
    reminderId: "7c9e1a3b-5d7f-4a1c-9e3b-5d7f9a1c3e99",
    petId: PET,
    code: "RABIES",
    title: "Rabies booster",
    dueOn: "2027-01-15",
    clinicId: CLINIC,
  },
});

export const RECORD_ACCESSED = defineEvent({
  source: EHR_SCHEMA,
  name: "record.accessed",
  description: "Someone other than an owner read or wrote a pet's health record (the access log, as an event).",
  payload: z.strictObject({
    petId: z.string().describe("The pet whose record it is."),
    viewerId: z.string().describe("Who read or wrote it."),
    clinicId: z.string().nullable().describe("The clinic they acted for, if any."),
    action: z.enum(["READ", "WRITE"]).describe("Whether they read or wrote."),
  }),
  example: { petId: PET, viewerId: "8a2b4c6d-1e3f-4a5b-9c7d-0e2f4a6b8c44", clinicId: CLINIC, action: "READ" },
});

export type VaccinationRecordedPayload = z.infer<typeof VACCINATION_RECORDED.payload>;
export type ReminderDuePayload = z.infer<typeof REMINDER_DUE.payload>;
export type RecordAccessedPayload = z.infer<typeof RECORD_ACCESSED.payload>;

/** Every event ehr publishes; `npm run generate` writes each one's JSON Schema under events/ehr/. */
export const PUBLISHED_EVENTS = [
  VACCINATION_RECORDED,
  REMINDER_DUE,
  RECORD_ACCESSED,
  // Its answers to identity's privacy requests (docs/decisions/0048).
  ...Object.values(privacyAnswersOf("ehr")),
];
