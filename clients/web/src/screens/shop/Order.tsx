import { useQuery, useSubscription } from "@apollo/client";
import { WebOrderDocument, WebOrderUpdatedDocument, type PaymentStatus } from "../../../../__generated__/web/graphql";
import { Link } from "../../Link";
import { errorMessage } from "../errors";
import { formatMoney } from "./money";
import { PayByCard } from "./PayByCard";

/** "TO_FULFIL" → "To fulfil". */
function statusName(status: string): string {
  const words = status.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** How much of the order is paid, in words (PaymentStatus). */
const PAID: Record<PaymentStatus, string> = {
  NONE: "Not paid yet",
  PARTIAL: "Partly paid",
  FULL: "Paid in full",
  OVERCHARGED: "Overpaid (the difference is refunded)",
};

/** An order you placed: its status, payment, totals and each shop's part with its parcels, kept live. */
export function Order({ id }: { id: string }) {
  const { data, loading, error } = useQuery(WebOrderDocument, { variables: { id }, fetchPolicy: "cache-and-network" });
  // Each change arrives as the order with its id: Apollo's cache merges it into the query above, so the page
  // follows without handling the event here.
  useSubscription(WebOrderUpdatedDocument, { variables: { orderId: id } });
  const order = data?.order;

  if (loading && !data) return <p role="status">Loading…</p>;
  if (error || !order)
    return (
      <section aria-labelledby="order-title">
        <h1 id="order-title">Order not found</h1>
        <p role="alert" className="error">
          {error ? errorMessage(error) : "This order does not exist or is not yours."}
        </p>
        <Link to="/shop">Back to the shop</Link>
      </section>
    );

  return (
    <section aria-labelledby="order-title">
      <p>
        <Link to="/shop">← Shop</Link>
      </p>
      <h1 id="order-title">Order {order.number}</h1>
      {/* Announced when a change arrives live (a parcel shipped, a refund). */}
      <dl className="facts" aria-live="polite">
        <dt>Status</dt>
        <dd>{statusName(order.status)}</dd>
        <dt>Payment</dt>
        <dd>
          {PAID[order.paymentStatus]} ({order.paymentProvider === "OFFLINE" ? "offline" : "by card"})
        </dd>
        <dt>Placed</dt>
        <dd>{order.placedAt ? new Date(order.placedAt).toLocaleString() : "–"}</dd>
        <dt>Subtotal</dt>
        <dd>{formatMoney(order.subtotal)}</dd>
        <dt>Shipping</dt>
        <dd>{formatMoney(order.shipping)}</dd>
        <dt>Tax</dt>
        <dd>{formatMoney(order.tax)}</dd>
        <dt>Total</dt>
        <dd>
          <strong>{formatMoney(order.total)}</strong>
        </dd>
      </dl>
      {order.paymentProvider === "STRIPE" && order.status === "PAYMENT_PENDING" && <PayByCard orderId={order.id} />}
      {order.vendorOrders.map((vendorOrder, index) => (
        <section key={vendorOrder.id} aria-labelledby={`shipment-${vendorOrder.id}`}>
          <h2 id={`shipment-${vendorOrder.id}`}>
            Shipment {index + 1}: {statusName(vendorOrder.status)}
          </h2>
          <ul>
            {vendorOrder.lines.map((line) => (
              <li key={line.id}>
                {line.quantity} × {line.title} – {formatMoney(line.total)}
              </li>
            ))}
          </ul>
          {vendorOrder.shipments.length > 0 && (
            <ul aria-label={`Parcels of shipment ${index + 1}`}>
              {vendorOrder.shipments.map((parcel) => (
                <li key={parcel.id}>
                  {parcel.carrier} {parcel.trackingNumber}: shipped {new Date(parcel.shippedAt).toLocaleDateString()}
                  {parcel.deliveredAt
                    ? `, delivered ${new Date(parcel.deliveredAt).toLocaleDateString()}`
                    : ", on its way"}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}
