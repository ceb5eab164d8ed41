import { useMutation, useQuery } from "@apollo/client";
import { useState, type FormEvent } from "react";
import {
  MarkDeliveredDocument,
  MarkShippedDocument,
  VendorOrdersDocument,
  type VendorOrderViewFragment,
} from "../../../../__generated__/web/graphql";
import { errorMessage } from "../errors";
import { formatMoney } from "../shop/money";
import { ORDER_STATUS } from "./words";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** A shop's orders, newest first (as the API gives them): shipping what is left in one parcel, confirming delivery. */
export function VendorOrders({ vendorId }: { vendorId: string }) {
  const { data, loading, error } = useQuery(VendorOrdersDocument, {
    variables: { vendorId, first: 50 },
    fetchPolicy: "cache-and-network",
  });
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  const orders = data?.vendorOrders?.edges.map((edge) => edge.node) ?? [];

  return (
    <>
      <h2>Orders to fulfil</h2>
      {loading && !data && <p role="status">Loading orders…</p>}
      {error && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      <p role="status" className={message?.problem ? "error" : undefined}>
        {message?.text}
      </p>
      {data && orders.length === 0 && <p>No orders yet.</p>}
      {orders.map((order) => (
        <VendorOrderCard key={order.id} order={order} onMessage={setMessage} />
      ))}
    </>
  );
}

function VendorOrderCard({
  order,
  onMessage,
}: {
  order: VendorOrderViewFragment;
  onMessage: (message: { text: string; problem: boolean } | null) => void;
}) {
  const [markShipped, shipping] = useMutation(MarkShippedDocument);
  const [markDelivered, delivering] = useMutation(MarkDeliveredDocument);
  const toShip = order.lines
    .map((line) => ({ orderLineId: line.id, quantity: line.quantity - line.quantityShipped - line.quantityRefunded }))
    .filter((line) => line.quantity > 0);
  const canShip = (order.status === "TO_FULFIL" || order.status === "PARTIALLY_SHIPPED") && toShip.length > 0;
  const canDeliver =
    (order.status === "SHIPPED" || order.status === "PARTIALLY_SHIPPED") &&
    order.shipments.some((shipment) => !shipment.deliveredAt);
  const address = order.shippingAddress;
  const titleId = `order-${order.id}`;

  async function ship(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onMessage(null);
    try {
      await markShipped({
        variables: {
          input: {
            vendorOrderId: order.id,
            carrier: String(form.get("carrier")).trim(),
            trackingNumber: String(form.get("trackingNumber")).trim(),
            lines: toShip,
          },
        },
      });
      onMessage({ text: `Order ${order.orderNumber} is marked shipped.`, problem: false });
    } catch (failure) {
      onMessage({ text: errorMessage(failure), problem: true });
    }
  }

  async function deliver() {
    onMessage(null);
    try {
      await markDelivered({ variables: { input: { vendorOrderId: order.id } } });
      onMessage({ text: `Order ${order.orderNumber} is marked delivered.`, problem: false });
    } catch (failure) {
      onMessage({ text: errorMessage(failure), problem: true });
    }
  }

  return (
    <article aria-labelledby={titleId} className="order">
      <h3 id={titleId}>Order {order.orderNumber}</h3>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{ORDER_STATUS[order.status]}</dd>
        <dt>Placed</dt>
        <dd>{when.format(new Date(order.placedAt))}</dd>
        <dt>Ship to</dt>
        <dd>
          {[address.name, address.line1, address.city, address.region, address.postalCode, address.country]
            .filter(Boolean)
            .join(", ")}
        </dd>
        <dt>Total</dt>
        <dd>{formatMoney(order.total)}</dd>
      </dl>
      <ul aria-label={`Items of order ${order.orderNumber}`}>
        {order.lines.map((line) => (
          <li key={line.id}>
            {line.quantity} × {line.title} ({line.sku}), {line.quantityShipped} shipped
          </li>
        ))}
      </ul>
      {order.shipments.length > 0 && (
        <ul aria-label={`Parcels of order ${order.orderNumber}`}>
          {order.shipments.map((shipment) => (
            <li key={shipment.id}>
              {shipment.carrier} {shipment.trackingNumber}:{" "}
              {shipment.deliveredAt ? `delivered ${when.format(new Date(shipment.deliveredAt))}` : "on its way"}
            </li>
          ))}
        </ul>
      )}
      {canShip && (
        <form className="inline" onSubmit={(event) => void ship(event)}>
          <label htmlFor={`carrier-${order.id}`}>Carrier</label>
          <input id={`carrier-${order.id}`} name="carrier" required maxLength={60} placeholder="e.g. UPS" />
          <label htmlFor={`tracking-${order.id}`}>Tracking number</label>
          <input id={`tracking-${order.id}`} name="trackingNumber" required maxLength={80} />
          <button type="submit" disabled={shipping.loading}>
            Mark shipped
          </button>
        </form>
      )}
      {canDeliver && (
        <button type="button" disabled={delivering.loading} onClick={() => void deliver()}>
          Mark delivered
        </button>
      )}
    </article>
  );
}
