// Care plans for the demo, seeded by `npm start` through the gateway as its people would: the demo
// clinic offers an "Adult dog wellness" plan (a flea treatment from its shop every month, two
// consultations and four tele-vet calls a year); Anna starts it for Rex, and a monthly food plan for
// him from Happy Tails, whose first order Sam ships and delivers (so Happy Tails has sales and a payout),
// and books Rex a consultation in the coming days, which the wellness plan covers.
// Runs after the checkout seed; does nothing when Anna already has a care plan.

const MY_PLANS = `query { myCarePlans(first: 1) { edges { node { id } } } }`;
const MY_PETS = `query { myPets(first: 10) { edges { node { id name } } } }`;
const CLINICS = `query { clinics(first: 100) { edges { node { id name services { id name } } } } }`;
const SEARCH = `query($q: String!) { searchProducts(query: $q, first: 10) {
  edges { node { vendor { id } variants { id sku } } } } }`;
const METHODS = `query($vendorId: ID!) { shippingMethods(vendorId: $vendorId) { id name } }`;
const CREATE_OFFER = `mutation($input: CreateWellnessOfferInput!) { createWellnessOffer(input: $input) { id } }`;
const CREATE_PLAN = `mutation($input: CreateCarePlanInput!) { createCarePlan(input: $input) { __typename
  ... on CarePlanCreated { carePlan { id } order { id vendorOrders { id vendor { id } lines { id quantity } } } } } }`;
const SLOTS = `query($clinicId: ID!, $serviceId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
  availableSlots(clinicId: $clinicId, serviceId: $serviceId, from: $from, to: $to) { startsAt vet { id } } }`;
const HOLD = `mutation($input: HoldSlotInput!) { holdSlot(input: $input) { __typename ... on SlotHold { id } } }`;
const CONFIRM = `mutation($input: ConfirmBookingInput!) { confirmBooking(input: $input) { __typename } }`;
const SHIP = `mutation($input: MarkShippedInput!) { markShipped(input: $input) { __typename } }`;
const DELIVER = `mutation($input: MarkDeliveredInput!) { markDelivered(input: $input) { __typename } }`;

const ANNAS_ADDRESS = {
  name: "Anna Example",
  line1: "Torstraße 1",
  city: "Berlin",
  postalCode: "10119",
  country: "DE",
};

async function variantBySku(graphql, query, sku) {
  const found = (await graphql(SEARCH, { q: query })).searchProducts.edges.map((e) => e.node);
  for (const product of found) {
    const variant = product.variants.find((v) => v.sku === sku);
    if (variant) return { variantId: variant.id, vendorId: product.vendor.id };
  }
  throw new Error(`no product with SKU ${sku}`);
}

async function methodNamed(graphql, vendorId, name) {
  const method = (await graphql(METHODS, { vendorId })).shippingMethods.find((m) => m.name.startsWith(name));
  if (!method) throw new Error(`no shipping method "${name}" at vendor ${vendorId}`);
  return { vendorId, shippingMethodId: method.id };
}

async function startPlan(graphql, anna, input) {
  const { createCarePlan } = await graphql(CREATE_PLAN, { input }, anna);
  if (createCarePlan.__typename !== "CarePlanCreated") throw new Error(`createCarePlan: ${createCarePlan.__typename}`);
  return createCarePlan;
}

export async function seedDemoPlans({ graphql, signIn, say }) {
  const anna = await signIn("anna@pawgraph.dev");
  if ((await graphql(MY_PLANS, {}, anna)).myCarePlans.edges.length > 0) return;
  const rex = (await graphql(MY_PETS, {}, anna)).myPets.edges.map((e) => e.node).find((p) => p.name === "Rex");
  const clinic = (await graphql(CLINICS, {}, anna)).clinics.edges
    .map((e) => e.node)
    .find((c) => c.name === "Pawgraph Demo Clinic");
  if (!rex || !clinic) return say("care plans not seeded: Rex or the demo clinic is missing");
  const service = (name) => clinic.services.find((s) => s.name === name).id;

  const admin = await signIn("admin@pawgraph.dev");
  const fleaTreatment = await variantBySku(graphql, "flea tick", "VG-SPOT-M3");
  const { createWellnessOffer: offer } = await graphql(
    CREATE_OFFER,
    {
      input: {
        clinicId: clinic.id,
        name: "Adult dog wellness",
        description: "Flea and tick treatment every month, two consultations and four tele-vet calls a year.",
        lines: [{ variantId: fleaTreatment.variantId, quantity: 1 }],
        serviceCredits: [
          { serviceId: service("Consultation"), perYear: 2 },
          { serviceId: service("Tele-vet call"), perYear: 4 },
        ],
      },
    },
    admin,
  );
  const monthly = { unit: "MONTH", count: 1 };
  await startPlan(graphql, anna, {
    petId: rex.id,
    wellnessOfferId: offer.id,
    interval: monthly,
    shippingAddress: ANNAS_ADDRESS,
    shippingMethods: [await methodNamed(graphql, fleaTreatment.vendorId, "Pickup")],
  });

  const food = await variantBySku(graphql, "duck potato kibble", "NP-DUCK-3");
  const foodPlan = await startPlan(graphql, anna, {
    petId: rex.id,
    lines: [{ variantId: food.variantId, quantity: 1 }],
    interval: monthly,
    shippingAddress: ANNAS_ADDRESS,
    shippingMethods: [await methodNamed(graphql, food.vendorId, "Standard")],
  });
  const sam = await signIn("sam.shop@pawgraph.dev");
  for (const part of foodPlan.order.vendorOrders) {
    const lines = part.lines.map((line) => ({ orderLineId: line.id, quantity: line.quantity }));
    await graphql(
      SHIP,
      { input: { vendorOrderId: part.id, carrier: "DHL", trackingNumber: "00340434161094015902", lines } },
      sam,
    );
    await graphql(DELIVER, { input: { vendorOrderId: part.id } }, sam);
  }
  // A consultation for Rex in the coming days: the wellness plan covers it, and the clinic's bookings report has a row.
  const consultation = service("Consultation");
  const from = new Date(Date.now() + 2 * 86_400_000);
  const to = new Date(from.getTime() + 7 * 86_400_000);
  const [slot] = (
    await graphql(
      SLOTS,
      { clinicId: clinic.id, serviceId: consultation, from: from.toISOString(), to: to.toISOString() },
      anna,
    )
  ).availableSlots;
  if (slot) {
    const input = { clinicId: clinic.id, serviceId: consultation, vetId: slot.vet.id, startsAt: slot.startsAt };
    const { holdSlot } = await graphql(HOLD, { input }, anna);
    if (holdSlot.__typename === "SlotHold")
      await graphql(CONFIRM, { input: { holdId: holdSlot.id, petId: rex.id } }, anna);
  }
  say(
    "seeded care plans: the demo clinic's Adult dog wellness plan and a monthly duck kibble plan for Rex (its first order shipped and delivered by Happy Tails), and a consultation for Rex the plan covers",
  );
}
