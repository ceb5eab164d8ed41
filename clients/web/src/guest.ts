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

/** Where to go after signing in: the `next` of `/sign-in?next=/cart` when it is a path in the app, else "/". */
export function pathAfterSignIn(): string {
  const next = new URLSearchParams(window.location.search).get("next");
  return next && /^\/(?![/\\])/.test(next) ? next : "/";
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
