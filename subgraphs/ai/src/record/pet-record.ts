/** The pet as pets shows it to the asker. */
export interface PetProfile {
  id: string;
  name: string;
  species: string;
  breed: string | null;
  sex: string;
  neutered: boolean | null;
  dateOfBirth: string | null;
  /** OWNER or CARER (or a clinic's relationship): what ehr will show depends on it. */
  relationship: string;
}

/** One item of the pet's health record, in words, as ehr showed it to the asker. */
export interface RecordFact {
  /** ehr's id of the item (a `HealthRecord`), the citation's target. */
  id: string;
  kind: string;
  occurredAt: string;
  text: string;
}

export interface Prescription {
  id: string;
  drug: string;
  dose: number;
  doseUnit: string;
  frequency: string;
  startsOn: string;
  endsOn: string | null;
}

/**
 * What the assistant knows of one pet for one question, fetched with the asker's token and thrown
 * away with the request: never stored, never mixed with another pet's (docs/decisions/0037).
 */
export interface PetRecord {
  profile: PetProfile;
  facts: RecordFact[];
  prescriptions: Prescription[];
  reminders: { id: string; title: string; dueOn: string }[];
  /** Clinics that wrote items of the record: their own documents may answer questions about this pet. */
  clinicIds: string[];
  /** ehr could not be read (down, slow): the answer says so instead of pretending the record is empty. */
  recordUnavailable: boolean;
}
