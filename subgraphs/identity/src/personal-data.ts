import { definePersonalData } from "@pawgraph/subgraph-kit";

/** identity's personal data (docs/decisions/0044): the account itself, deleted last. */
export const PERSONAL_DATA = definePersonalData({
  schema: "identity",
  tables: {
    users: {
      subject: ["id"],
      personal: ["email", "display_name", "email_verified_at"],
      erasure: "delete",
      reason:
        "The account is deleted last, once every other subgraph has confirmed; an erasure receipt without personal data stays.",
    },
    clinic_memberships: {
      subject: ["user_id"],
      erasure: "delete",
      reason: "The person's roles at clinics end with the account.",
    },
    vendor_memberships: {
      subject: ["user_id"],
      erasure: "delete",
      reason: "The person's roles at vendors end with the account.",
    },
    email_verification_tokens: {
      subject: ["user_id"],
      personal: ["email"],
      erasure: "delete",
      reason: "Sign-in material of the person's own.",
    },
    password_reset_tokens: {
      subject: ["user_id"],
      personal: ["email"],
      erasure: "delete",
      reason: "Sign-in material of the person's own.",
    },
    totp_credentials: {
      subject: ["user_id"],
      erasure: "delete",
      reason: "Sign-in material of the person's own: the authenticator's secret.",
    },
    mfa_recovery_codes: {
      subject: ["user_id"],
      erasure: "delete",
      reason: "Sign-in material of the person's own (hashed recovery codes).",
    },
    mfa_challenges: {
      subject: ["user_id"],
      erasure: "delete",
      reason: "Sign-in material of the person's own; each lapses after 5 minutes.",
    },
    user_identities: {
      subject: ["user_id"],
      personal: ["email", "subject"],
      erasure: "delete",
      reason: "Which Google or Apple accounts sign the person in; they end with the account.",
    },
    social_sign_ins: {
      subject: ["user_id"],
      personal: ["link_email", "link_subject"],
      erasure: "delete",
      reason: "Sign-ins in progress (10 minutes); sign-in material of the person's own.",
    },
    api_keys: {
      subject: ["user_id"],
      personal: ["name"],
      erasure: "delete",
      reason: "The person's API keys (hashed) and what they named them; they end with the account.",
    },
    api_key_usage: {
      subject: ["user_id"],
      erasure: "delete",
      reason: "Requests per day made with the person's API keys; deleted with the keys.",
    },
    refresh_tokens: { subject: ["user_id"], erasure: "delete", reason: "Sign-in material of the person's own." },
    data_exports: {
      subject: ["user_id"],
      erasure: "delete",
      reason: "The person's own export requests; the ZIPs themselves are deleted 7 days after they are ready.",
    },
    account_deletions: {
      subject: ["user_id"],
      erasure: "delete",
      reason:
        "The deletion request itself, removed with the account; what stays is an erasure receipt with no personal data.",
    },
    revocations: {
      subject: ["user_id"],
      erasure: "expire",
      reason:
        "A revocation holds only the id and lapses when the tokens it revokes would have (15 minutes); removing it early would let them work again.",
    },
  },
});
