// What the assistant's demo needs, seeded by `npm start` through the gateway as its people would: a
// 24-hour emergency clinic (so "my dog ate a bar of dark chocolate" names an open clinic whatever the
// hour) and an ear visit in Rex's record (so "Rex has been scratching his ears" has a record to cite).
// Runs after the demo pets; does nothing when the emergency clinic exists.

const CLINICS = `query { clinics(first: 100) { edges { node { name } } } }`;
const CREATE_CLINIC = `mutation($input: CreateClinicInput!) { createClinic(input: $input) { id } }`;
const REVIEW_CLINIC = `mutation($input: ReviewClinicInput!) { reviewClinic(input: $input) { id } }`;
const ADD_SERVICE = `mutation($input: AddClinicServiceInput!) { addClinicService(input: $input) { id } }`;
const MY_PETS = `query { myPets(first: 10) { edges { node { id name } } } }`;
const RECORD_VISIT = `mutation($input: RecordVisitInput!) { recordVisit(input: $input) { id } }`;

const EMERGENCY_CLINIC = "Pawgraph Emergency Vets (24 hours)";

export async function seedDemoAi({ graphql, signIn, say }) {
  const admin = await signIn("admin@pawgraph.dev");
  const clinics = (await graphql(CLINICS, {}, admin)).clinics.edges.map((e) => e.node.name);
  if (clinics.includes(EMERGENCY_CLINIC)) return;
  const { createClinic } = await graphql(
    CREATE_CLINIC,
    {
      input: {
        name: EMERGENCY_CLINIC,
        addressLine: "Chausseestraße 20",
        city: "Berlin",
        postalCode: "10115",
        country: "DE",
        latitude: 52.5291,
        longitude: 13.3849,
        timeZone: "Europe/Berlin",
        phone: "+49 30 1111111",
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: "00:00", closes: "23:59" })),
      },
    },
    admin,
  );
  await graphql(REVIEW_CLINIC, { input: { clinicId: createClinic.id, approve: true } }, admin);
  await graphql(
    ADD_SERVICE,
    {
      input: {
        clinicId: createClinic.id,
        name: "Emergency consultation",
        durationMinutes: 30,
        priceCents: 9500,
        kind: "IN_PERSON",
      },
    },
    admin,
  );

  const anna = await signIn("anna@pawgraph.dev");
  const rex = (await graphql(MY_PETS, {}, anna)).myPets.edges.map((e) => e.node).find((p) => p.name === "Rex");
  if (rex) {
    await graphql(
      RECORD_VISIT,
      {
        input: {
          petId: rex.id,
          occurredAt: new Date(Date.now() - 120 * 86_400_000).toISOString(),
          reason: "Head shaking and scratching at the left ear",
          objective: "Left ear canal red with brown waxy discharge; right ear normal.",
          assessment: "Yeast otitis externa of the left ear, probably flared by his food allergy.",
          plan: "Ear cleaner twice weekly and medicated drops for 10 days; recheck if it comes back.",
          diagnoses: [{ text: "Otitis externa, left ear (yeast)" }],
        },
      },
      await signIn("vera.vet@pawgraph.dev"),
    );
  }
  say(`seeded the assistant's demo: ${EMERGENCY_CLINIC} (open around the clock) and an ear visit in Rex's record`);
}
