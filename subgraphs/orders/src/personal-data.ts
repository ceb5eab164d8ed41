import { definePersonalData } from "@pawgraph/subgraph-kit";

const BOOKKEEPING =
  "Orders and payments are bookkeeping records, kept 10 years (e.g. Germany's AO §147, France's Code de commerce L123-22): the amounts, lines and taxes stay, the person's id and address go.";
const STAFF_ACTION = "A vendor's or the platform's record of who changed what; it stays without the person.";

/** orders' personal data (docs/decisions/0044). */
export const PERSONAL_DATA = definePersonalData({
  schema: "orders",
  tables: {
    carts: {
      subject: ["user_id"],
      personal: ["shipping_address"],
      erasure: "delete",
      reason: "An open cart is the person's own.",
    },
    orders: { subject: ["buyer_id"], personal: ["shipping_address"], erasure: "anonymise", reason: BOOKKEEPING },
    care_plans: {
      subject: ["owner_id"],
      personal: ["payment_customer", "shipping_address"],
      erasure: "anonymise",
      reason: `Erasure cancels the person's plans first; the plans stay as the history of their orders. ${BOOKKEEPING}`,
    },
    coupon_redemptions: { subject: ["user_id"], erasure: "anonymise", reason: BOOKKEEPING },
    wellness_coverages: { subject: ["owner_id"], erasure: "anonymise", reason: BOOKKEEPING },
    refunds: { subject: ["requested_by"], erasure: "anonymise", reason: BOOKKEEPING },
    order_history: { subject: ["actor_id"], erasure: "anonymise", reason: BOOKKEEPING },
    shipments: { subject: ["shipped_by"], erasure: "anonymise", reason: STAFF_ACTION },
    commission_rules: { subject: ["created_by"], erasure: "anonymise", reason: STAFF_ACTION },
    coupons: { subject: ["created_by"], erasure: "anonymise", reason: STAFF_ACTION },
    currency_settings: { subject: ["updated_by"], erasure: "anonymise", reason: STAFF_ACTION },
    tax_rates: { subject: ["updated_by"], erasure: "anonymise", reason: STAFF_ACTION },
    shipping_methods: { subject: ["created_by"], erasure: "anonymise", reason: STAFF_ACTION },
    payout_accounts: { subject: ["created_by"], erasure: "anonymise", reason: STAFF_ACTION },
    wellness_offers: { subject: ["created_by"], erasure: "anonymise", reason: STAFF_ACTION },
  },
});
