import type { SweepFixtures } from "./authorization-sweep.fixtures";

/**
 * The authorization sweep (SECURITY.md: "every id a client passes is checked against the viewer").
 * It reads the composed schema through the gateway, lists every root query, mutation and subscription
 * field with an argument or input field of type ID (nested input objects included), and calls each one
 * as user B on user A's entity at that id, with the rest of the input valid and B's own (subscriptions
 * over graphql-ws). The answer must be NOT_FOUND or FORBIDDEN, with no data and none of A's texts. A
 * field with an id the table below does not cover fails the sweep: a new subgraph's fields are held to
 * the same rule as soon as they compose. Before the fixes that came with it, ten cases failed.
 */
export type Code = "NOT_FOUND" | "FORBIDDEN";

/**
 * The few answers other than an error, each a documented contract and each asserted strictly:
 * - NULL_ENTRIES: a batch lookup (`pets(ids)`, used by other subgraphs) answers `null` for every id
 *   the viewer may not read, never an error for the whole batch.
 * - PUBLIC_PROFILE: users are public by id (name only); every field about them that is not public
 *   (email, clinic and vendor memberships, bookings, calendar feed, pets) must come back null or empty.
 * - ADDRESSEE: a clinic is addressed, not read: any signed-in user may write to an approved clinic
 *   or grant it their own pet's record; nothing of the clinic's or of A's comes back.
 * - PUBLIC_CATEGORY: categories are the shop's public taxonomy, nobody's own: a vendor may file its
 *   own product under the category A's product is in; what comes back is B's product in it.
 * - PUBLIC_SEARCH: search filters by category and vendor are public (categories and approved vendors
 *   are): searching by A's category or A's shop answers exactly A's published product, never A's draft.
 * - PUBLIC_OFFER: a vendor's active shipping methods are its public offer (carts offer them to anyone):
 *   listing A's shop's methods answers exactly A's active one, never the one A deactivated; choosing it
 *   for B's own cart answers B's cart. Nothing else of A's (coupons, orders, retired methods) shows.
 * - PUBLIC_PLAN: a clinic's active wellness offers are public (owners choose among them): listing A's
 *   clinic's answers exactly A's active offer, never the one A's clinic archived.
 * ADDRESSEE also covers a vendor's PICKUP shipping method at an approved clinic: the clinic is named,
 * not read; what comes back is B's method with the clinic's id.
 */
export type Contract =
  | "NULL_ENTRIES"
  | "PUBLIC_PROFILE"
  | "ADDRESSEE"
  | "PUBLIC_CATEGORY"
  | "PUBLIC_SEARCH"
  | "PUBLIC_OFFER"
  | "PUBLIC_PLAN";

export interface SweepCase {
  /** The operation; `$v` or `$input` carry the variables. */
  query: string;
  variables: (f: SweepFixtures) => Record<string, unknown>;
  /** What B must get. FORBIDDEN where B may know the thing exists or the field is for other roles. */
  expect: Code | Contract;
  /** Subscriptions go over graphql-ws; the first result is what B gets. */
  ws?: boolean;
  /** B's token for this case: B's person at a catalog vendor for products' fields, B's usual token otherwise. */
  as?: "vendor";
}

export const T = "__typename";
export const q = (
  query: string,
  variables: SweepCase["variables"],
  expect: SweepCase["expect"] = "NOT_FOUND",
): SweepCase => ({
  query,
  variables,
  expect,
});
export const m = (
  field: string,
  type: string,
  input: (f: SweepFixtures) => Record<string, unknown>,
  expect: SweepCase["expect"] = "NOT_FOUND",
  selection = T,
): SweepCase =>
  q(
    `mutation($input: ${type}!) { ${field}(input: $input) ${selection ? `{ ${selection} }` : ""} }`,
    (f) => ({ input: input(f) }),
    expect,
  );

/** A case called with B's shop token (products' fields). */
export const v = (sweepCase: SweepCase): SweepCase => ({ ...sweepCase, as: "vendor" });
