import { definePersonalData } from "@pawgraph/subgraph-kit";

/** ai's personal data (docs/decisions/0044). */
export const PERSONAL_DATA = definePersonalData({
  schema: "ai",
  tables: {
    assistant_threads: {
      subject: ["owner_id"],
      erasure: "delete",
      reason: "The person's own conversations with the assistant.",
    },
    assistant_exchanges: {
      subject: ["owner_id"],
      erasure: "delete",
      reason: "The person's questions and the answers they were given.",
    },
    knowledge_documents: {
      subject: ["added_by", "reviewed_by"],
      erasure: "anonymise",
      reason: "Care knowledge the platform publishes outlives the admin who added or reviewed it.",
    },
  },
});
