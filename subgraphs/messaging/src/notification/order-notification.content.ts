import { isUuid, type EventLike } from "@pawgraph/subgraph-kit";
import {
  ORDER_CANCELLED,
  ORDER_DELIVERED,
  ORDER_NEEDS_ATTENTION,
  ORDER_PAID,
  ORDER_PLACED,
  ORDER_REFUNDED,
  ORDER_SHIPPED,
  PAYMENT_FAILED,
} from "../consumed-events";

/**
 * What orders' events say to the buyer, and `order.paid` to each vendor's staff. Pure: no I/O. Kept
 * apart from notification.content.ts (which lists these kinds among its own and adds the fields
 * every notification has), so neither file outgrows its job.
 */
export const ORDER_NOTIFICATION_TYPES = [
  "ORDER_PLACED",
  "ORDER_PAID",
  "ORDER_SHIPPED",
  "ORDER_DELIVERED",
  "ORDER_CANCELLED",
  "ORDER_REFUNDED",
  "ORDER_NEEDS_ATTENTION",
  "PAYMENT_FAILED",
  "VENDOR_ORDER_PAID",
] as const;
export type OrderNotificationKind = (typeof ORDER_NOTIFICATION_TYPES)[number];

export interface OrderNotice {
  userId: string;
  type: OrderNotificationKind;
  title: string;
  body: string;
}

const formats = new Map<string, Intl.NumberFormat>();

/**
 * An amount in the currency's minor units as people read it: `21450, "USD"` → `$214.50`,
 * `21450, "JPY"` → `¥21,450`. The exponent is CLDR's through Intl in a fixed locale, as orders
 * computes it; the decimal is built as a string, which Intl formats exactly. A currency code Intl
 * refuses is shown as the minor amount with its code rather than failing the notification.
 */
export function formatMoney(amountMinor: number, currency: string): string {
  let format = formats.get(currency);
  if (!format) {
    try {
      const exponent =
        new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
      format = new Intl.NumberFormat("en", {
        style: "currency",
        currency,
        minimumFractionDigits: exponent,
        maximumFractionDigits: exponent,
      });
    } catch {
      return `${amountMinor} ${currency} (minor units)`;
    }
    formats.set(currency, format);
  }
  const exponent = format.resolvedOptions().maximumFractionDigits ?? 2;
  const digits = Math.abs(Math.trunc(amountMinor))
    .toString()
    .padStart(exponent + 1, "0");
  const decimal =
    (amountMinor < 0 ? "-" : "") +
    (exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`);
  return format.format(decimal as `${number}`);
}

/** The vendors whose staff (admins and staff) the plan needs: those of a paid order. */
export function orderVendorIdsOf(event: EventLike): string[] {
  if (event.type !== ORDER_PAID.type) return [];
  const vendorOrders = event.payload.vendorOrders;
  if (!Array.isArray(vendorOrders)) return [];
  const ids = vendorOrders.map((part: unknown) =>
    part && typeof part === "object" && "vendorId" in part ? (part as { vendorId: unknown }).vendorId : null,
  );
  return [...new Set(ids.filter((id): id is string => typeof id === "string"))];
}

const CANCELLED_BY: Record<string, string> = {
  BUYER: " at your request",
  VENDOR: " by the vendor",
  PLATFORM_ADMIN: " by Pawgraph",
};

/** Free text (a reason as written, a provider's message) closed as a sentence, so the next one reads on. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function lines(count: number): string {
  return count === 1 ? "1 line" : `${count} lines`;
}

/**
 * Who hears about an orders event, and what they read. `vendorStaff`: each vendor's staff (admins
 * and staff), by vendor id, as `orderVendorIdsOf(event)` asked. A buyer id that is no account of
 * ours plans nothing for the buyer. One notification per event and user (the table's key): someone
 * on the staff of two of the order's vendors hears of the first, a buyer on the staff as the buyer.
 */
export function planOrderNotifications(
  event: EventLike,
  vendorStaff: ReadonlyMap<string, readonly string[]> = new Map(),
): OrderNotice[] {
  const buyer = (buyerId: string, type: OrderNotificationKind, title: string, body: string): OrderNotice[] =>
    isUuid(buyerId) ? [{ userId: buyerId, type, title, body }] : [];
  switch (event.type) {
    case ORDER_PLACED.type: {
      const o = ORDER_PLACED.decode(event);
      return buyer(
        o.buyerId,
        "ORDER_PLACED",
        `Order ${o.orderNumber} placed`,
        `We received your order ${o.orderNumber} for ${formatMoney(o.totalMinor, o.currency)}. We will tell you when the payment is confirmed.`,
      );
    }
    case ORDER_PAID.type: {
      const o = ORDER_PAID.decode(event);
      const told = new Set<string>();
      const staff: OrderNotice[] = [];
      for (const part of o.vendorOrders) {
        for (const userId of vendorStaff.get(part.vendorId) ?? []) {
          if (told.has(userId) || userId === o.buyerId) continue;
          told.add(userId);
          staff.push({
            userId,
            type: "VENDOR_ORDER_PAID",
            title: "New order to fulfil",
            body: `Order ${o.orderNumber} is paid: ${lines(part.lineCount)} for ${formatMoney(part.totalMinor, o.currency)} to ship.`,
          });
        }
      }
      return [
        ...buyer(
          o.buyerId,
          "ORDER_PAID",
          `Order ${o.orderNumber} paid`,
          `We received your payment of ${formatMoney(o.amountMinor, o.currency)} for order ${o.orderNumber}. We will tell you when it ships.`,
        ),
        ...staff,
      ];
    }
    case ORDER_SHIPPED.type: {
      const o = ORDER_SHIPPED.decode(event);
      return buyer(
        o.buyerId,
        "ORDER_SHIPPED",
        `Order ${o.orderNumber} shipped`,
        `Your order ${o.orderNumber} is on its way with ${o.carrier}. Tracking number: ${o.trackingNumber}.`,
      );
    }
    case ORDER_DELIVERED.type: {
      const o = ORDER_DELIVERED.decode(event);
      return buyer(
        o.buyerId,
        "ORDER_DELIVERED",
        `Order ${o.orderNumber} delivered`,
        `Your order ${o.orderNumber} was delivered. You can now review what you received.`,
      );
    }
    case ORDER_CANCELLED.type: {
      const o = ORDER_CANCELLED.decode(event);
      const reason = o.reason?.trim() ? ` Reason: ${sentence(o.reason)}` : "";
      const refund =
        o.refundMinor > 0
          ? ` ${formatMoney(o.refundMinor, o.currency)} will be refunded to you.`
          : " Nothing was charged, so nothing is refunded.";
      return buyer(
        o.buyerId,
        "ORDER_CANCELLED",
        `Order ${o.orderNumber} cancelled`,
        `Your order ${o.orderNumber} was cancelled${CANCELLED_BY[o.actorRole] ?? ""}.${reason}${refund}`,
      );
    }
    case ORDER_REFUNDED.type: {
      const o = ORDER_REFUNDED.decode(event);
      return buyer(
        o.buyerId,
        "ORDER_REFUNDED",
        `Refund for order ${o.orderNumber}`,
        `${formatMoney(o.amountMinor, o.currency)} of order ${o.orderNumber} was refunded to you. Reason: ${sentence(o.reason)}`,
      );
    }
    case ORDER_NEEDS_ATTENTION.type: {
      const o = ORDER_NEEDS_ATTENTION.decode(event);
      return buyer(
        o.buyerId,
        "ORDER_NEEDS_ATTENTION",
        `Order ${o.orderNumber} needs attention`,
        `Your order ${o.orderNumber} cannot go ahead as placed: ${sentence(o.reason)} Our team is looking into it.`,
      );
    }
    case PAYMENT_FAILED.type: {
      const o = PAYMENT_FAILED.decode(event);
      return buyer(
        o.buyerId,
        "PAYMENT_FAILED",
        `Payment for order ${o.orderNumber} failed`,
        `Your payment for order ${o.orderNumber} did not go through: ${sentence(o.reason)} You can try again before the checkout expires.`,
      );
    }
    default:
      return [];
  }
}
