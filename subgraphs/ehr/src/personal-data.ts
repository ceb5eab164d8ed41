import { definePersonalData } from "@pawgraph/subgraph-kit";

const CLINICAL =
  "A clinic's medical record of the pet: it stays with the pet (clinics keep records for years by law), without the person's identity.";

/** ehr's personal data (docs/decisions/0044): health records stay with the pet; the person's own notes go. */
export const PERSONAL_DATA = definePersonalData({
  schema: "ehr",
  tables: {
    home_notes: {
      subject: ["recorded_by"],
      erasure: "delete",
      reason: "Notes an owner wrote at home are the person's own words, not a clinic's record.",
    },
    visits: { subject: ["recorded_by", "vet_id"], erasure: "anonymise", reason: CLINICAL },
    vaccinations: { subject: ["recorded_by", "given_by"], erasure: "anonymise", reason: CLINICAL },
    allergies: { subject: ["recorded_by"], erasure: "anonymise", reason: CLINICAL },
    medications: { subject: ["recorded_by", "prescriber_id"], erasure: "anonymise", reason: CLINICAL },
    lab_results: { subject: ["recorded_by"], erasure: "anonymise", reason: CLINICAL },
    clinical_alerts: { subject: ["recorded_by"], erasure: "anonymise", reason: CLINICAL },
    attachments: { subject: ["uploaded_by"], erasure: "anonymise", reason: CLINICAL },
    access_log: {
      subject: ["viewer_id"],
      erasure: "anonymise",
      reason: "Who read a health record is the record's audit trail, kept with it.",
    },
  },
});
