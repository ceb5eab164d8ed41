// What a signed-out visitor has: the shop paths, and a guest cart token. `addToCart` without a session
// creates a guest cart and returns its token once; the link sends it as `X-Cart-Token` until the API has
// merged the cart into an account (or refused the token).

import { useEffect, useState } from "react";
import { currentSession, onSessionChange } from "./session";

const KEY = "pawgraph.cartToken";

export function currentCartToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveCartToken(token: string | null): void {
  if (token) localStorage.setItem(KEY, token);
  else localStorage.removeItem(KEY);
}

// Signing out never brings back a guest cart: the token is gone by then (merged at sign-in), and is
// dropped here if it is not.
onSessionChange((session) => {
  if (!session) saveCartToken(null);
});

/** The paths a signed-out visitor may open: the shop, a product and the cart. */
export function isGuestPath(path: string): boolean {
  return path === "/shop" || path === "/cart" || /^\/shop\/products\/[^/]+$/.test(path);
}

/** The `next` of a query string (`?next=/cart`) when it is a path in the app, else "/" (never another host). */
export function nextPathOf(search: string): string {
  const next = new URLSearchParams(search).get("next");
  return next && /^\/(?![/\\])/.test(next) ? next : "/";
}

/** Where to go after signing in: this page's `next` (`/sign-in?next=/cart`), else "/". */
export function pathAfterSignIn(): string {
  return nextPathOf(window.location.search);
}

/** What a GraphQL response says about the cart token the request sent (or not). */
export interface CartTokenResponse {
  sent: string | null;
  signedIn: boolean;
  data?: Record<string, unknown> | null;
  errors?: readonly { extensions?: Record<string, unknown> }[];
}

/**
 * The token to keep after a response: a new one when `addToCart` created a guest cart; null (forget it)
 * once a signed-in request that sent it got a cart back (the API merged the guest cart into the account's)
 * or when the API says it names no cart it can use; otherwise `undefined`, nothing changes.
 */
export function cartTokenAfter({ sent, signedIn, data, errors }: CartTokenResponse): string | null | undefined {
  const fields = Object.entries(data ?? {});
  const issued = fields
    .map(([, value]) => (value as { cartToken?: unknown } | null)?.cartToken)
    .find((value): value is string => typeof value === "string" && value !== "");
  if (issued) return issued;
  if (!sent) return undefined;
  const refused = errors?.some(
    (error) => error.extensions?.code === "NOT_FOUND" && error.extensions.field === "X-Cart-Token",
  );
  const answersCart = fields.some(
    ([name, value]) => name === "cart" || (typeof value === "object" && value !== null && "cart" in value),
  );
  if (refused || (signedIn && !errors?.length && answersCart)) return null;
  return undefined;
}

/** `path` keeping this page's `next` (from sign-in to register and back). */
export function withNext(path: string): string {
  const next = pathAfterSignIn();
  return next === "/" ? path : `${path}?next=${encodeURIComponent(next)}`;
}

/** Whether someone is signed in, following sign-in and sign-out. */
export function useSignedIn(): boolean {
  const [signedIn, setSignedIn] = useState(() => currentSession() !== null);
  useEffect(() => onSessionChange((session) => setSignedIn(session !== null)), []);
  return signedIn;
}
