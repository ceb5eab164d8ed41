// The demo shops' checkout settings, seeded by `npm start` through the gateway as their admins would:
// shipping methods for both demo shops (a flat rate, weight bands for heavy goods, pickup at the demo
// clinic for the clinic's shop) and the platform-wide coupon WELCOME10. Runs after the catalog seed.

const VENDORS = `query { vendors(first: 20) { edges { node { id slug clinic { id } } } } }`;
const METHODS = `query($vendorId: ID!) { shippingMethods(vendorId: $vendorId) { id } }`;
const CREATE_METHOD = `mutation($input: CreateShippingMethodInput!) { createShippingMethod(input: $input) { id } }`;
const CREATE_COUPON = `mutation($input: CreateCouponInput!) {
  createCoupon(input: $input) { __typename ... on Coupon { id code } }
}`;

/** Prices in EUR cents, the demo shops' currency; bands are lightest first, upper bounds inclusive. */
const STANDARD = { name: "Standard (2-3 days)", kind: "FLAT", priceMinor: 490, currency: "EUR" };
const HEAVY = {
  name: "Heavy goods",
  kind: "WEIGHT_BANDS",
  currency: "EUR",
  bands: [
    { upToGrams: 5000, priceMinor: 690 },
    { upToGrams: 15000, priceMinor: 990 },
    { upToGrams: 31500, priceMinor: 1490 },
  ],
};

const SHOPS = {
  "demo-clinic-shop": { owner: "admin@pawgraph.dev", pickup: "Pickup at the Pawgraph Demo Clinic" },
  "happy-tails": { owner: "sam.shop@pawgraph.dev", pickup: null },
};

/** Seeds what is missing: a shop that offers a shipping method is left alone; the coupon's code is unique. */
export async function seedDemoOrders({ graphql: send, signIn, say }) {
  const graphql = (query, variables, token) =>
    send(query, variables, token).catch((error) => {
      throw new Error(`${query.slice(0, query.indexOf("("))}: ${error.message}`);
    });
  const vendors = (await graphql(VENDORS, {})).vendors.edges.map((e) => e.node);
  const shops = vendors.filter((v) => v.slug in SHOPS);
  if (shops.length === 0) return;

  const seeded = [];
  for (const shop of shops) {
    if ((await graphql(METHODS, { vendorId: shop.id })).shippingMethods.length > 0) continue;
    const { owner, pickup } = SHOPS[shop.slug];
    const token = await signIn(owner);
    const methods = [STANDARD, HEAVY];
    if (pickup && shop.clinic)
      methods.push({ name: pickup, kind: "PICKUP", clinicId: shop.clinic.id, currency: "EUR" });
    for (const method of methods) await graphql(CREATE_METHOD, { input: { vendorId: shop.id, ...method } }, token);
    seeded.push(`${methods.length} shipping methods for ${shop.slug}`);
  }

  const admin = await signIn("admin@pawgraph.dev");
  const coupon = await graphql(
    CREATE_COUPON,
    { input: { code: "WELCOME10", kind: "PERCENTAGE", percentBps: 1000, minimumSubtotalMinor: 5000 } },
    admin,
  );
  if (coupon.createCoupon.__typename === "Coupon") seeded.push("the coupon WELCOME10 (10 % off from 50 EUR)");
  if (seeded.length > 0) say(`seeded checkout: ${seeded.join(", ")}`);
}
