import { Link } from "../../Link";

/** Checkout for a guest: sign in or register first; the guest cart comes along and the app returns to it. */
export function GuestCheckout() {
  const next = `?next=${encodeURIComponent("/cart")}`;
  return (
    <section aria-labelledby="guest-checkout-title">
      <h2 id="guest-checkout-title">Check out</h2>
      <p>Sign in or create an account to check out. Your cart comes with you.</p>
      <p>
        <Link to={`/sign-in${next}`}>Sign in to check out</Link> or{" "}
        <Link to={`/register${next}`}>create an account</Link>.
      </p>
    </section>
  );
}
