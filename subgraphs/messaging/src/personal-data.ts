import { definePersonalData } from "@pawgraph/subgraph-kit";

/** messaging's personal data (docs/decisions/0044). */
export const PERSONAL_DATA = definePersonalData({
  schema: "messaging",
  tables: {
    notifications: { subject: ["user_id"], erasure: "delete", reason: "The person's own notifications." },
    notification_preferences: { subject: ["user_id"], erasure: "delete", reason: "The person's own settings." },
    push_devices: { subject: ["user_id"], personal: ["token"], erasure: "delete", reason: "The person's own devices." },
    read_receipts: { subject: ["user_id"], erasure: "delete", reason: "Only what the person has read." },
    account_emails: {
      subject: ["user_id"],
      personal: ["to_address"],
      erasure: "delete",
      reason: "Emails sent to the person about their account.",
    },
    conversations: {
      subject: ["owner_id"],
      erasure: "anonymise",
      reason: "A clinic's conversation about a pet is part of its care record; it stays without the person.",
    },
    messages: {
      subject: ["sender_id", "reviewed_by"],
      erasure: "anonymise",
      reason: "The other side of a conversation keeps what was said to it; the sender becomes nobody.",
    },
    attachments: { subject: ["uploaded_by"], erasure: "anonymise", reason: "Attached to messages that stay." },
  },
});
