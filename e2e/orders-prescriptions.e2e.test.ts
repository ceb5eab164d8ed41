// Prescription-only products through the gateway: checkout asks pets (is it the buyer's pet?) and ehr
// (a running prescription with a matching ATCvet code and a refill left) with the buyer's own token;
// the shipped order takes exactly one refill in ehr, however often the event is delivered.
import {
  AddToCartDocument,
  MarkShippedDocument,
  PetActivePrescriptionsDocument,
  PlaceOrderDocument,
  RecordMedicationDocument,
  SetShippingAddressDocument,
  StartCheckoutDocument,
} from "../clients/__generated__/graphql";
import { sql } from "./catalog-fixtures";
import { createPet, ownerPetAndVet, registerVerifiedUser } from "./fixtures";
import { eventually, execute, onlyError, startStack, type Stack } from "./harness";
import { flatShipping, shopWithStock, US_ADDRESS } from "./orders-fixtures";

const CARPROFEN = "QM01AE91";
let stack: Stack;
let shop: Awaited<ReturnType<typeof shopWithStock>>;
const gateway = () => stack.gateway.url;
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startStack();
  shop = await shopWithStock(stack, [{ priceMinor: 2400, stock: 20 }], {
    label: "pharmacy",
    product: { prescriptionOnly: true, medicationCodes: [CARPROFEN] },
  });
  await flatShipping(stack, shop.vendor, 500);
});

afterAll(async () => {
  await stack?.stop();
});

/** An owner's pet with a clinic granted access, and (optionally) a carprofen prescription from its vet. */
async function petWithPrescription(
  options: { refills?: number; startsOn?: string; endsOn?: string; code?: string } | null,
) {
  const { owner, petId, vet } = await ownerPetAndVet(stack);
  if (options) {
    const recorded = await execute(
      gateway(),
      RecordMedicationDocument,
      {
        input: {
          petId,
          kind: "PRESCRIPTION",
          drug: "Carprofen 50 mg",
          code: options.code ?? CARPROFEN,
          dose: 1,
          doseUnit: "tablet",
          route: "ORAL",
          frequency: "once daily",
          startsOn: options.startsOn ?? today(),
          ...(options.endsOn ? { endsOn: options.endsOn } : {}),
          refills: options.refills ?? 2,
        },
      },
      vet.token,
    );
    if (recorded.errors) throw new Error(JSON.stringify(recorded.errors));
  }
  return { owner, petId };
}

async function checkoutFor(token: string, petId: string) {
  const added = await execute(
    gateway(),
    AddToCartDocument,
    { input: { variantId: shop.variantIds[0]!, quantity: 1, petId } },
    token,
  );
  expect(added.errors).toBeUndefined();
  await execute(gateway(), SetShippingAddressDocument, { input: US_ADDRESS }, token);
  return (await execute(gateway(), StartCheckoutDocument, {}, token)).data!.startCheckout;
}

const refillsLeft = async (token: string, petId: string) =>
  (await execute(gateway(), PetActivePrescriptionsDocument, { id: petId }, token)).data!.pet!.activePrescriptions!.map(
    (p) => p.refillsLeft,
  );

it("refuses without a prescription, with an expired one, with another drug's, or with no refills left", async () => {
  const none = await petWithPrescription(null);
  expect(await checkoutFor(none.owner.token, none.petId)).toMatchObject({
    __typename: "PrescriptionRequiredError",
    code: "PRESCRIPTION_REQUIRED",
    reason: "NO_CURRENT_PRESCRIPTION",
  });
  const expired = await petWithPrescription({ startsOn: daysAgo(60), endsOn: daysAgo(30) });
  expect(await checkoutFor(expired.owner.token, expired.petId)).toMatchObject({ reason: "NO_CURRENT_PRESCRIPTION" });
  const otherDrug = await petWithPrescription({ code: "QP53BE01" });
  expect(await checkoutFor(otherDrug.owner.token, otherDrug.petId)).toMatchObject({
    reason: "NO_CURRENT_PRESCRIPTION",
  });
  const used = await petWithPrescription({ refills: 0 });
  expect(await checkoutFor(used.owner.token, used.petId)).toMatchObject({ reason: "NO_REFILLS_LEFT" });
});

it("a line without a pet is a cart problem, and another owner's pet cannot be named at all", async () => {
  const buyer = await registerVerifiedUser(stack, "rx-no-pet");
  await execute(gateway(), AddToCartDocument, { input: { variantId: shop.variantIds[0]!, quantity: 1 } }, buyer.token);
  await execute(gateway(), SetShippingAddressDocument, { input: US_ADDRESS }, buyer.token);
  const started = (await execute(gateway(), StartCheckoutDocument, {}, buyer.token)).data!.startCheckout;
  if (started.__typename !== "CartNotReadyError") throw new Error(started.__typename);
  expect(started.problems.map((p) => p.code)).toEqual(["PET_REQUIRED"]);

  const someoneElses = await petWithPrescription({});
  const stranger = await registerVerifiedUser(stack, "rx-stranger");
  const added = await execute(
    gateway(),
    AddToCartDocument,
    { input: { variantId: shop.variantIds[0]!, quantity: 1, petId: someoneElses.petId } },
    stranger.token,
  );
  expect(onlyError(added).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.petId" });
  const ownPet = await createPet(stack, stranger.token);
  const withOwnPet = await execute(
    gateway(),
    AddToCartDocument,
    { input: { variantId: shop.variantIds[0]!, quantity: 1, petId: ownPet.id } },
    stranger.token,
  );
  expect(withOwnPet.errors).toBeUndefined();
});

it("with a valid prescription the order is placed, and shipping it takes exactly one refill in ehr", async () => {
  const { owner, petId } = await petWithPrescription({ refills: 2 });
  expect(await checkoutFor(owner.token, petId)).toMatchObject({ __typename: "CheckoutStarted" });
  const placed = (await execute(gateway(), PlaceOrderDocument, {}, owner.token)).data!.placeOrder;
  if (placed.__typename !== "OrderPlaced") throw new Error(placed.__typename);
  expect(placed.order.status).toBe("PAID");
  const part = placed.order.vendorOrders[0]!;
  const [line] = await sql<{ prescriptionId: string | null }>(
    stack,
    `SELECT prescription_id AS "prescriptionId" FROM orders.order_lines WHERE order_id = $1`,
    [placed.order.id],
  );
  expect(line!.prescriptionId).toEqual(expect.any(String));
  expect(await refillsLeft(owner.token, petId)).toEqual([2]);

  const shipped = await execute(
    gateway(),
    MarkShippedDocument,
    {
      input: {
        vendorOrderId: part.id,
        carrier: "UPS",
        trackingNumber: "1Z999",
        lines: [{ orderLineId: part.lines[0]!.id, quantity: 1 }],
      },
    },
    shop.vendor.token,
  );
  expect(shipped.errors).toBeUndefined();
  await eventually(
    () => refillsLeft(owner.token, petId),
    (left) => left[0] === 1,
    15_000,
  );
  // The relay may publish again (at-least-once); ehr applies each order line once.
  await sql(stack, `UPDATE orders.outbox SET published_at = NULL WHERE aggregate_id = $1 AND type = 'order.shipped'`, [
    placed.order.id,
  ]).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(await refillsLeft(owner.token, petId)).toEqual([1]);
  const [dispensings] = await sql<{ n: number }>(
    stack,
    `SELECT count(*)::int AS n FROM ehr.prescription_dispensings WHERE order_id = $1`,
    [placed.order.id],
  );
  expect(dispensings!.n).toBe(1);
});
