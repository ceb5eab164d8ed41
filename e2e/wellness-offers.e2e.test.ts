import {
  ArchiveWellnessOfferDocument,
  CreateWellnessOfferDocument,
  WellnessOfferDocument,
  WellnessOffersDocument,
  type CreateWellnessOfferInput,
} from "../clients/__generated__/graphql";
import { registerClinicMember } from "./fixtures";
import { onlyError, startStack, type Stack } from "./harness";
import { shopWithStock } from "./orders-fixtures";
import { execute } from "./graphql-client";
import { clinicWithShop } from "./wellness-fixtures";

// Clinics' wellness plans: products from the clinic's own shop every month and a yearly allowance of
// its services, offered by the clinic's admins, public to read while offered.
let stack: Stack;
let clinic: Awaited<ReturnType<typeof clinicWithShop>>;
let other: Awaited<ReturnType<typeof clinicWithShop>>;
beforeAll(async () => {
  stack = await startStack();
  clinic = await clinicWithShop(stack, [
    { priceMinor: 2990, stock: 50 },
    { priceMinor: 1250, stock: 50 },
  ]);
  other = await clinicWithShop(stack, [{ priceMinor: 999, stock: 5 }]);
}, 120_000);
afterAll(() => stack.stop());

const puppyPlan = (): CreateWellnessOfferInput => ({
  clinicId: clinic.clinicId,
  name: "Puppy wellness",
  description: "Food every month, two check-ups and a vaccination a year.",
  lines: [
    { variantId: clinic.variantIds[0]!, quantity: 1 },
    { variantId: clinic.variantIds[1]!, quantity: 2 },
  ],
  serviceCredits: [
    { serviceId: clinic.services[0]!.id, perYear: 2 },
    { serviceId: clinic.services[1]!.id, perYear: 1 },
  ],
});

it("the clinic's admin offers a plan: priced from its shop, its services named, public while offered", async () => {
  const created = await execute(
    stack.gateway.url,
    CreateWellnessOfferDocument,
    { input: puppyPlan() },
    clinic.clinicAdmin.token,
  );
  expect(created.errors).toBeUndefined();
  const offer = created.data!.createWellnessOffer;
  expect(offer).toMatchObject({
    clinic: { id: clinic.clinicId },
    currency: "EUR",
    monthlyPriceMinor: 2990 + 2 * 1250,
    active: true,
    serviceCredits: [
      { serviceId: clinic.services[0]!.id, serviceName: "Wellness check-up", perYear: 2 },
      { serviceId: clinic.services[1]!.id, serviceName: "Vaccination", perYear: 1 },
    ],
  });
  const listed = await execute(stack.gateway.url, WellnessOffersDocument, { clinicId: clinic.clinicId });
  expect(listed.data!.wellnessOffers!.map((o) => o.id)).toContain(offer.id);
  const elsewhere = await execute(stack.gateway.url, WellnessOffersDocument, { clinicId: other.clinicId });
  expect(elsewhere.data!.wellnessOffers!.map((o) => o.id)).not.toContain(offer.id);
});

it.each([
  [
    "another shop's product",
    (i: CreateWellnessOfferInput) => ({ ...i, lines: [{ variantId: other.variantIds[0]!, quantity: 1 }] }),
    "input.lines.0.variantId",
    "NOT_FOUND",
  ],
  [
    "another clinic's service",
    (i: CreateWellnessOfferInput) => ({ ...i, serviceCredits: [{ serviceId: other.services[0]!.id, perYear: 1 }] }),
    "input.serviceCredits.0.serviceId",
    "NOT_FOUND",
  ],
  ["no products", (i: CreateWellnessOfferInput) => ({ ...i, lines: [] }), "input.lines", "BAD_USER_INPUT"],
  [
    "a credit of 0 a year",
    (i: CreateWellnessOfferInput) => ({ ...i, serviceCredits: [{ serviceId: clinic.services[0]!.id, perYear: 0 }] }),
    "input.serviceCredits.0.perYear",
    "BAD_USER_INPUT",
  ],
  [
    "the same product twice",
    (i: CreateWellnessOfferInput) => ({ ...i, lines: [i.lines[0]!, i.lines[0]!] }),
    "input.lines.1.variantId",
    "BAD_USER_INPUT",
  ],
  ["a blank name", (i: CreateWellnessOfferInput) => ({ ...i, name: "  " }), "input.name", "BAD_USER_INPUT"],
])("refuses %s, naming the field, and writes nothing", async (_what, change, field, code) => {
  const before = await execute(stack.gateway.url, WellnessOffersDocument, { clinicId: clinic.clinicId });
  const refused = await execute(
    stack.gateway.url,
    CreateWellnessOfferDocument,
    { input: change(puppyPlan()) },
    clinic.clinicAdmin.token,
  );
  expect(onlyError(refused).extensions).toMatchObject({ code, field });
  const after = await execute(stack.gateway.url, WellnessOffersDocument, { clinicId: clinic.clinicId });
  expect(after.data!.wellnessOffers).toHaveLength(before.data!.wellnessOffers!.length);
});

it("an independent shop's product is never part of a clinic's plan", async () => {
  const independent = await shopWithStock(stack, [{ priceMinor: 500, stock: 3 }], { currency: "EUR", country: "DE" });
  const refused = await execute(
    stack.gateway.url,
    CreateWellnessOfferDocument,
    { input: { ...puppyPlan(), lines: [{ variantId: independent.variantIds[0]!, quantity: 1 }] } },
    clinic.clinicAdmin.token,
  );
  expect(onlyError(refused).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.lines.0.variantId" });
});

it("only the clinic's admins write offers: another clinic's admin gets NOT_FOUND, its vet FORBIDDEN", async () => {
  const stranger = await execute(
    stack.gateway.url,
    CreateWellnessOfferDocument,
    { input: puppyPlan() },
    other.clinicAdmin.token,
  );
  expect(onlyError(stranger).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.clinicId" });
  const vet = await registerClinicMember(stack, clinic.clinicId, "VET");
  const byVet = await execute(stack.gateway.url, CreateWellnessOfferDocument, { input: puppyPlan() }, vet.token);
  expect(onlyError(byVet).extensions?.code).toBe("FORBIDDEN");
});

it("an archived offer leaves the list; only the clinic's admins still read it", async () => {
  const { createWellnessOffer: offer } = (
    await execute(stack.gateway.url, CreateWellnessOfferDocument, { input: puppyPlan() }, clinic.clinicAdmin.token)
  ).data!;
  const byStranger = await execute(
    stack.gateway.url,
    ArchiveWellnessOfferDocument,
    { offerId: offer.id },
    other.clinicAdmin.token,
  );
  expect(onlyError(byStranger).extensions).toMatchObject({ code: "NOT_FOUND", field: "offerId" });
  const archived = await execute(
    stack.gateway.url,
    ArchiveWellnessOfferDocument,
    { offerId: offer.id },
    clinic.clinicAdmin.token,
  );
  expect(archived.data!.archiveWellnessOffer.active).toBe(false);
  const listed = await execute(stack.gateway.url, WellnessOffersDocument, { clinicId: clinic.clinicId });
  expect(listed.data!.wellnessOffers!.map((o) => o.id)).not.toContain(offer.id);
  const publicRead = await execute(stack.gateway.url, WellnessOfferDocument, { id: offer.id }, other.clinicAdmin.token);
  expect(onlyError(publicRead).extensions?.code).toBe("NOT_FOUND");
  const ownRead = await execute(stack.gateway.url, WellnessOfferDocument, { id: offer.id }, clinic.clinicAdmin.token);
  expect(ownRead.data!.wellnessOffer).toMatchObject({ id: offer.id, active: false });
});
