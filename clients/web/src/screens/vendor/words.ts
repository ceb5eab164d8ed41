import type {
  PayoutAccountStatus,
  ProductStatus,
  VendorOrderStatus,
  VendorStatus,
} from "../../../../__generated__/web/graphql";

export const VENDOR_STATUS: Record<VendorStatus, string> = {
  PENDING: "Waiting for approval",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  SUSPENDED: "Suspended",
};

export const PRODUCT_STATUS: Record<ProductStatus, string> = {
  DRAFT: "Draft",
  ACTIVE: "Published",
  ARCHIVED: "Archived",
};

export const ORDER_STATUS: Record<VendorOrderStatus, string> = {
  AWAITING_PAYMENT: "Awaiting payment",
  TO_FULFIL: "To fulfil",
  PARTIALLY_SHIPPED: "Partly shipped",
  SHIPPED: "Shipped",
  DELIVERED: "Delivered",
  CANCELLED: "Cancelled",
};

export const PAYOUT_STATUS: Record<PayoutAccountStatus, string> = {
  MANUAL_ONLY: "Settled manually: the platform pays you outside Stripe",
  NOT_CONNECTED: "Not set up: payouts are settled manually until you connect a Stripe account",
  ONBOARDING: "Being set up: Stripe has not enabled payouts yet",
  ENABLED: "Enabled: payouts go to your Stripe account",
};
