import { cartTokenAfter, nextPathOf } from "./guest";

/* The guest cart token's life in the link (kept, merged, refused), and where sign-in may send the visitor. */

const cart = { id: "cart-1", lines: [] };
const refused = [{ extensions: { code: "NOT_FOUND", field: "X-Cart-Token" } }];

describe("cartTokenAfter", () => {
  it("keeps the token a guest's first addToCart returns", () => {
    expect(cartTokenAfter({ sent: null, signedIn: false, data: { addToCart: { cartToken: "t-1", cart } } })).toBe(
      "t-1",
    );
  });

  it("keeps the token while a guest uses the cart", () => {
    expect(cartTokenAfter({ sent: "t-1", signedIn: false, data: { cart } })).toBeUndefined();
    expect(cartTokenAfter({ sent: "t-1", signedIn: false, data: { addToCart: { cartToken: null, cart } } })).toBe(
      undefined,
    );
  });

  it("forgets it once a signed-in request that sent it got a cart back (the merge), by query or mutation", () => {
    expect(cartTokenAfter({ sent: "t-1", signedIn: true, data: { cart } })).toBeNull();
    expect(cartTokenAfter({ sent: "t-1", signedIn: true, data: { cart: null } })).toBeNull();
    expect(cartTokenAfter({ sent: "t-1", signedIn: true, data: { addToCart: { cartToken: null, cart } } })).toBeNull();
  });

  it("keeps it when the signed-in answer was not the cart's, or failed", () => {
    expect(cartTokenAfter({ sent: "t-1", signedIn: true, data: { me: { id: "u-1" } } })).toBeUndefined();
    const failed = [{ extensions: { code: "INTERNAL_SERVER_ERROR" } }];
    expect(cartTokenAfter({ sent: "t-1", signedIn: true, data: { cart: null }, errors: failed })).toBeUndefined();
  });

  it("forgets a token the API refuses (unknown, ordered, merged into someone else's), signed in or not", () => {
    expect(cartTokenAfter({ sent: "t-1", signedIn: false, data: null, errors: refused })).toBeNull();
    expect(cartTokenAfter({ sent: "t-1", signedIn: true, data: null, errors: refused })).toBeNull();
  });

  it("changes nothing when no token was sent", () => {
    expect(cartTokenAfter({ sent: null, signedIn: true, data: { cart } })).toBeUndefined();
    expect(cartTokenAfter({ sent: null, signedIn: false, data: null, errors: refused })).toBeUndefined();
  });
});

describe("nextPathOf", () => {
  it("is the app path in `next`", () => {
    expect(nextPathOf("?next=%2Fcart")).toBe("/cart");
    expect(nextPathOf("?next=/shop/products/p-1")).toBe("/shop/products/p-1");
  });

  it("is / without one, or for anything that could leave the app", () => {
    for (const search of [
      "",
      "?next=",
      "?next=cart",
      "?next=//evil.example",
      "?next=/\\evil.example",
      "?next=https://evil.example",
    ])
      expect(nextPathOf(search)).toBe("/");
  });
});
