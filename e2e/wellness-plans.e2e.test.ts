import {
  CancelBookingDocument,
  ClinicCalendarCoverageDocument,
  CreateCarePlanDocument,
  CreateWellnessOfferDocument,
  PetBookingCoverageDocument,
  WellnessPlanCreditsDocument,
} from "../clients/__generated__/graphql";
import { berlin, bookSlot, ownerWithPet } from "./bookings-fixtures";
import { eventually, execute, onlyError, startStack, type Stack } from "./harness";
import { flatShipping, US_ADDRESS } from "./orders-fixtures";
import { clinicWithShop } from "./wellness-fixtures";

// A clinic's wellness plan as an owner lives it: started from the clinic's offer (its food every month,
// two check-ups and a vaccination a year), then bookings of included services are covered while the
// plan year's credits last, and a cancellation gives the credit back.
let stack: Stack;
let clinic: Awaited<ReturnType<typeof clinicWithShop>>;
let offerId: string;
beforeAll(async () => {
  stack = await startStack();
  clinic = await clinicWithShop(stack, [{ priceMinor: 3900, stock: 100 }]);
  await flatShipping(stack, { vendorId: clinic.vendor.vendorId, token: clinic.clinicAdmin.token }, 0, "EUR");
  const created = await execute(
    stack.gateway.url,
    CreateWellnessOfferDocument,
    {
      input: {
        clinicId: clinic.clinicId,
        name: "Adult dog wellness",
        lines: [{ variantId: clinic.variantIds[0]!, quantity: 1 }],
        serviceCredits: [
          { serviceId: clinic.services[0]!.id, perYear: 2 },
          { serviceId: clinic.services[1]!.id, perYear: 1 },
        ],
      },
    },
    clinic.clinicAdmin.token,
  );
  offerId = created.data!.createWellnessOffer.id;
}, 120_000);
afterAll(() => stack.stop());

const monthly = { unit: "MONTH" as const, count: 1 };

async function startWellnessPlan(token: string, petId: string) {
  const result = await execute(
    stack.gateway.url,
    CreateCarePlanDocument,
    { input: { petId, wellnessOfferId: offerId, interval: monthly, shippingAddress: US_ADDRESS } },
    token,
  );
  const created = result.data?.createCarePlan;
  if (created?.__typename !== "CarePlanCreated") throw new Error(JSON.stringify(result.errors ?? created));
  return created;
}

async function coverageOf(token: string, petId: string) {
  const result = await execute(stack.gateway.url, PetBookingCoverageDocument, { id: petId }, token);
  if (!result.data?.pet) throw new Error(JSON.stringify(result.errors));
  return new Map(result.data.pet.bookings!.edges.map((e) => [e.node.id, e.node.wellnessCoverage]));
}

async function credits(token: string, planId: string) {
  const result = await execute(stack.gateway.url, WellnessPlanCreditsDocument, { id: planId }, token);
  return result.data!.carePlan!.serviceCredits.map(({ serviceName, used, remaining }) => ({
    serviceName,
    used,
    remaining,
  }));
}

it("an owner starts the clinic's plan: its products monthly, the clinic's WELLNESS plan, all credits left", async () => {
  const { owner, petId } = await ownerWithPet(stack);
  const created = await startWellnessPlan(owner.token, petId);
  expect(created.carePlan).toMatchObject({ kind: "WELLNESS", interval: { unit: "MONTH", count: 1 } });
  expect(created.order.vendorOrders.map((v) => v.vendor?.id)).toEqual([clinic.vendor.vendorId]);
  const plan = await execute(stack.gateway.url, WellnessPlanCreditsDocument, { id: created.carePlan.id }, owner.token);
  expect(plan.data!.carePlan).toMatchObject({
    clinic: { id: clinic.clinicId },
    wellnessOffer: { id: offerId, name: "Adult dog wellness" },
    serviceCredits: [
      { serviceName: "Wellness check-up", perYear: 2, used: 0, remaining: 2 },
      { serviceName: "Vaccination", perYear: 1, used: 0, remaining: 1 },
    ],
  });
});

it("bookings of included services are covered while the plan year's credits last; a cancellation gives one back", async () => {
  const { owner, petId } = await ownerWithPet(stack);
  const { carePlan } = await startWellnessPlan(owner.token, petId);
  const checkUp = { clinicId: clinic.clinicId, serviceId: clinic.services[0]!.id };
  const vetId = clinic.vet.user.id;
  const first = await bookSlot(stack, owner, petId, checkUp, vetId, berlin(5, "09:00"));
  const second = await bookSlot(stack, owner, petId, checkUp, vetId, berlin(5, "10:00"));
  const third = await bookSlot(stack, owner, petId, checkUp, vetId, berlin(5, "11:00"));

  const covered = await eventually(
    () => coverageOf(owner.token, petId),
    (c) => c.get(first.id) != null && c.get(second.id) != null,
  );
  expect(covered.get(first.id)).toMatchObject({
    carePlanId: carePlan.id,
    status: "COVERED",
    serviceName: "Wellness check-up",
  });
  expect(covered.get(third.id)).toBeNull();
  expect(await credits(owner.token, carePlan.id)).toEqual([
    { serviceName: "Wellness check-up", used: 2, remaining: 0 },
    { serviceName: "Vaccination", used: 0, remaining: 1 },
  ]);

  await execute(stack.gateway.url, CancelBookingDocument, { input: { bookingId: first.id } }, owner.token);
  const released = await eventually(
    () => coverageOf(owner.token, petId),
    (c) => c.get(first.id)?.status === "RELEASED",
  );
  expect(released.get(second.id)?.status).toBe("COVERED");
  expect(await credits(owner.token, carePlan.id)).toContainEqual({
    serviceName: "Wellness check-up",
    used: 1,
    remaining: 1,
  });
  const fourth = await bookSlot(stack, owner, petId, checkUp, vetId, berlin(6, "09:00"));
  const again = await eventually(
    () => coverageOf(owner.token, petId),
    (c) => c.get(fourth.id) != null,
  );
  expect(again.get(fourth.id)?.status).toBe("COVERED");
});

it("a pet without the plan is not covered at the same clinic, and the clinic's staff see whose booking is covered", async () => {
  const planned = await ownerWithPet(stack);
  await startWellnessPlan(planned.owner.token, planned.petId);
  const other = await ownerWithPet(stack);
  const vaccination = { clinicId: clinic.clinicId, serviceId: clinic.services[1]!.id };
  const mine = await bookSlot(stack, planned.owner, planned.petId, vaccination, clinic.vet.user.id, berlin(7, "09:00"));
  const theirs = await bookSlot(stack, other.owner, other.petId, vaccination, clinic.vet.user.id, berlin(7, "10:00"));
  await eventually(
    () => coverageOf(planned.owner.token, planned.petId),
    (c) => c.get(mine.id) != null,
  );
  expect((await coverageOf(other.owner.token, other.petId)).get(theirs.id)).toBeNull();
  const calendar = await execute(
    stack.gateway.url,
    ClinicCalendarCoverageDocument,
    { clinicId: clinic.clinicId, from: berlin(7, "00:00"), to: berlin(8, "00:00") },
    clinic.clinicAdmin.token,
  );
  const byId = new Map(calendar.data!.clinicCalendar!.edges.map((e) => [e.node.id, e.node.wellnessCoverage]));
  expect(byId.get(mine.id)).toMatchObject({ status: "COVERED" });
  expect(byId.get(theirs.id)).toBeNull();
});

it.each([
  [
    "products besides the offer",
    { lines: [{ variantId: "00000000-0000-4000-8000-000000000001", quantity: 1 }] },
    "input.wellnessOfferId",
    "BAD_USER_INPUT",
  ],
  ["a weekly interval", { interval: { unit: "WEEK" as const, count: 2 } }, "input.interval", "BAD_USER_INPUT"],
  [
    "an offer that does not exist",
    { wellnessOfferId: "00000000-0000-4000-8000-000000000002" },
    "input.wellnessOfferId",
    "NOT_FOUND",
  ],
])("refuses a wellness plan with %s", async (_what, change, field, code) => {
  const { owner, petId } = await ownerWithPet(stack);
  const refused = await execute(
    stack.gateway.url,
    CreateCarePlanDocument,
    { input: { petId, wellnessOfferId: offerId, interval: monthly, shippingAddress: US_ADDRESS, ...change } },
    owner.token,
  );
  expect(onlyError(refused).extensions).toMatchObject({ code, field });
});
