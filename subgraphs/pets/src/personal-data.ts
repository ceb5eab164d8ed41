import { definePersonalData } from "@pawgraph/subgraph-kit";

/** pets' personal data (docs/decisions/0044). */
export const PERSONAL_DATA = definePersonalData({
  schema: "pets",
  tables: {
    pet_owners: {
      subject: ["user_id"],
      erasure: "delete",
      reason:
        "The person stops owning their pets. A pet with another owner stays with that owner; a pet left with none is deleted with its weights and shares, while what clinics recorded about it stays in ehr under the pet's id.",
    },
    pets: { subject: ["created_by"], erasure: "anonymise", reason: "A pet the person added may belong to others now." },
    pet_carers: {
      subject: ["added_by"],
      subjectEmail: ["email"],
      erasure: "delete",
      reason: "Shares the person made end with their ownership; shares with the person's email end too.",
    },
    pet_invitations: {
      subject: ["invited_by", "answered_by"],
      subjectEmail: ["email"],
      erasure: "delete",
      reason: "Invitations the person sent or received; who owns a pet now is in pet_owners.",
    },
    record_access_grants: {
      subject: ["granted_by"],
      erasure: "anonymise",
      reason: "A clinic's access to a pet that has other owners stays until they end it.",
    },
    weight_records: {
      subject: ["recorded_by"],
      erasure: "anonymise",
      reason: "Part of the pet's history, which stays with the pet.",
    },
  },
});
