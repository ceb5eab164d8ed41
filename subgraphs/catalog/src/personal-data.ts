import { definePersonalData } from "@pawgraph/subgraph-kit";

const STAFF_ACTION = "A vendor's or the platform's record of who did what; the record stays without the person.";

/** catalog's personal data (docs/decisions/0044). */
export const PERSONAL_DATA = definePersonalData({
  schema: "catalog",
  tables: {
    product_reviews: {
      subject: ["author_id"],
      erasure: "delete",
      reason: "A review is the person's own words; the product's rating is recomputed without it.",
    },
    delivered_purchases: {
      subject: ["user_id"],
      erasure: "delete",
      reason: "Only says the person may review what they bought.",
    },
    products: { subject: ["created_by", "unpublished_by"], erasure: "anonymise", reason: STAFF_ACTION },
    stock_movements: { subject: ["created_by"], erasure: "anonymise", reason: STAFF_ACTION },
    vendors: { subject: ["applied_by", "reviewed_by"], erasure: "anonymise", reason: STAFF_ACTION },
  },
  notPersonal: {
    "vendors.contact_email":
      "The vendor's business contact, which the vendor's admins edit; it is the business's, not a person's.",
    "vendors.contact_phone": "The vendor's business telephone number.",
    "vendors.address_line": "The vendor's business address.",
  },
});
