import { definePersonalData } from "@pawgraph/subgraph-kit";

const FIGURES = "Past reports keep their totals; the person is counted as one erased person.";

/** reports' personal data (docs/decisions/0044): facts stay for the figures, without the person. */
export const PERSONAL_DATA = definePersonalData({
  schema: "reports",
  tables: {
    booking_facts: { subject: ["owner_id", "cancelled_by", "marked_by"], erasure: "anonymise", reason: FIGURES },
    order_facts: { subject: ["buyer_id"], erasure: "anonymise", reason: FIGURES },
    care_plan_facts: { subject: ["owner_id"], erasure: "anonymise", reason: FIGURES },
    user_activity: { subject: ["user_id"], erasure: "anonymise", reason: FIGURES },
  },
});
