/** The domain events ehr publishes (through its outbox), with their payloads. */
export const EHR_SCHEMA = "ehr";

export interface VaccinationRecordedPayload extends Record<string, unknown> {
  vaccinationId: string;
  petId: string;
  clinicId: string;
  vaccine: string;
  vaccineCode: string | null;
  givenAt: string;
  nextDueOn: string | null;
}

export interface ReminderDuePayload extends Record<string, unknown> {
  reminderId: string;
  petId: string;
  code: string;
  title: string;
  dueOn: string;
}

export interface RecordAccessedPayload extends Record<string, unknown> {
  petId: string;
  viewerId: string;
  clinicId: string | null;
  action: "READ" | "WRITE";
}
