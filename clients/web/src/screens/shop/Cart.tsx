import { useMutation, useQuery } from "@apollo/client";
import { useState, type FormEvent } from "react";
import {
  CartDocument,
  PlaceOrderDocument,
  SetShippingAddressDocument,
  StartCheckoutDocument,
} from "../../../../__generated__/web/graphql";
import { useSignedIn } from "../../guest";
import { Link } from "../../Link";
import { navigate } from "../../router";
import { errorMessage } from "../errors";
import { GuestCheckout } from "./GuestCheckout";
import { formatMoney } from "./money";

/** The cart priced live, the free-shipping progress, the address to ship to, and checkout (a guest signs in first). */
export function Cart() {
  const signedIn = useSignedIn();
  const { data, loading, error } = useQuery(CartDocument, { fetchPolicy: "cache-and-network" });
  const [setAddress, { loading: saving }] = useMutation(SetShippingAddressDocument);
  const [startCheckout] = useMutation(StartCheckoutDocument);
  const [placeOrder] = useMutation(PlaceOrderDocument);
  const [checkingOut, setCheckingOut] = useState(false);
  const [problem, setProblem] = useState<string>();
  const cart = data?.cart;

  async function saveAddress(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? "").trim();
    setProblem(undefined);
    try {
      await setAddress({
        variables: {
          input: {
            name: value("name"),
            line1: value("line1"),
            city: value("city"),
            region: value("region") || undefined,
            postalCode: value("postalCode") || undefined,
            country: value("country").toUpperCase(),
          },
        },
      });
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  /** Checkout holds the stock and fixes the prices; placing the order pays it (offline, or Stripe when configured). */
  async function checkout() {
    setProblem(undefined);
    setCheckingOut(true);
    try {
      const started = (await startCheckout()).data?.startCheckout;
      if (started?.__typename !== "CheckoutStarted") {
        setProblem(started && "message" in started ? started.message : "Checkout could not start.");
        return;
      }
      const placed = (await placeOrder()).data?.placeOrder;
      if (placed?.__typename !== "OrderPlaced") {
        setProblem(placed && "message" in placed ? placed.message : "The order was not placed.");
        return;
      }
      navigate(`/orders/${encodeURIComponent(placed.order.id)}`);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setCheckingOut(false);
    }
  }

  if (loading && !data) return <p role="status">Loading…</p>;
  const lines = cart?.lines ?? [];
  return (
    <section aria-labelledby="cart-title">
      <p>
        <Link to="/shop">← Shop</Link>
      </p>
      <h1 id="cart-title">Cart</h1>
      {error && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      {!cart || lines.length === 0 ? (
        <p>Your cart is empty.</p>
      ) : (
        <>
          <table>
            <caption>Items</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Quantity</th>
                <th scope="col">Price</th>
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.id}>
                  <th scope="row">
                    {line.title}
                    {line.problem && <span className="error"> – {line.problem.message}</span>}
                  </th>
                  <td>{line.quantity}</td>
                  <td>{formatMoney(line.unitPrice)}</td>
                  <td>{formatMoney(line.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="facts" aria-label="Totals">
            <dt>Subtotal</dt>
            <dd>{formatMoney(cart.subtotal)}</dd>
            {cart.discount && cart.discount.amountMinor > 0 && (
              <>
                <dt>Discount</dt>
                <dd>−{formatMoney(cart.discount)}</dd>
              </>
            )}
            <dt>Shipping</dt>
            <dd>{formatMoney(cart.shipping)}</dd>
            <dt>Tax</dt>
            <dd>{formatMoney(cart.tax)}</dd>
            <dt>Total</dt>
            <dd>
              <strong>{formatMoney(cart.total)}</strong>
            </dd>
          </dl>
          {cart.freeShipping && (
            <p>
              <label htmlFor="free-shipping">
                {cart.freeShipping.reached
                  ? "Free shipping reached."
                  : `${formatMoney(cart.freeShipping.remaining)} more for free shipping (from ${formatMoney(cart.freeShipping.threshold)}).`}
              </label>{" "}
              <progress
                id="free-shipping"
                max={cart.freeShipping.threshold.amountMinor}
                value={cart.freeShipping.threshold.amountMinor - cart.freeShipping.remaining.amountMinor}
              />
            </p>
          )}

          {signedIn ? (
            <>
              <h2>Shipping address</h2>
              {cart.shippingAddress && (
                <p>
                  {[
                    cart.shippingAddress.name,
                    cart.shippingAddress.line1,
                    cart.shippingAddress.city,
                    cart.shippingAddress.region,
                    cart.shippingAddress.postalCode,
                    cart.shippingAddress.country,
                  ]
                    .filter(Boolean)
                    .join(", ")}
                </p>
              )}
              <details open={!cart.shippingAddress}>
                <summary>{cart.shippingAddress ? "Change the address" : "Add an address"}</summary>
                <form className="narrow" onSubmit={(event) => void saveAddress(event)}>
                  <label htmlFor="ship-name">Full name</label>
                  <input id="ship-name" name="name" required autoComplete="name" />
                  <label htmlFor="ship-line1">Street and number</label>
                  <input id="ship-line1" name="line1" required autoComplete="address-line1" />
                  <label htmlFor="ship-city">City</label>
                  <input id="ship-city" name="city" required autoComplete="address-level2" />
                  <label htmlFor="ship-region">State or region (optional)</label>
                  <input id="ship-region" name="region" autoComplete="address-level1" />
                  <label htmlFor="ship-postal">Postal code</label>
                  <input id="ship-postal" name="postalCode" autoComplete="postal-code" />
                  <label htmlFor="ship-country">Country (two letters, e.g. US)</label>
                  <input id="ship-country" name="country" required maxLength={2} autoComplete="country" />
                  <button type="submit" disabled={saving}>
                    Save address
                  </button>
                </form>
              </details>

              {cart.problems.length > 0 && (
                <ul aria-label="Before checkout">
                  {cart.problems.map((cartProblem, index) => (
                    <li key={index}>{cartProblem.message}</li>
                  ))}
                </ul>
              )}
              {problem && (
                <p role="alert" className="error">
                  {problem}
                </p>
              )}
              <button type="button" disabled={checkingOut} onClick={() => void checkout()}>
                Place order and pay {formatMoney(cart.total)}
              </button>
            </>
          ) : (
            <GuestCheckout />
          )}
        </>
      )}
    </section>
  );
}
