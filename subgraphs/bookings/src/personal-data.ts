import { definePersonalData } from "@pawgraph/subgraph-kit";

/** bookings' personal data (docs/decisions/0044). */
export const PERSONAL_DATA = definePersonalData({
  schema: "bookings",
  tables: {
    appointments: {
      subject: ["holder_id", "cancelled_by", "no_show_marked_by", "vet_id"],
      erasure: "anonymise",
      reason: "A clinic's appointment history (and its reports) keeps the visit, without the person.",
    },
    calendar_feeds: { subject: ["user_id"], erasure: "delete", reason: "The person's own calendar subscription." },
    vet_hours: { subject: ["vet_id"], erasure: "delete", reason: "A vet's working hours end with the vet's account." },
    schedule_overrides: {
      subject: ["vet_id"],
      erasure: "delete",
      reason: "A vet's time off ends with the vet's account.",
    },
    clinics: {
      subject: ["created_by"],
      erasure: "anonymise",
      reason: "A clinic outlives the person who registered it.",
    },
  },
  notPersonal: {
    "clinics.address_line": "The clinic's business address, shown to everyone.",
    "clinics.phone": "The clinic's business telephone number, shown to everyone.",
  },
});
