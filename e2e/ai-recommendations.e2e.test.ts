// Pet.productRecommendations through the gateway: Anna's dog Rex is allergic to chicken and takes
// oclacitinib. ai ranks catalog's eligible products for him: his prescription's refill first, nothing
// that names chicken (but the chicken-free kibble, saying why), no prescription-only medicine he has no
// prescription for, something like the salmon kibble Anna bought, a reason on every item. A stranger
// gets NOT_FOUND; `first` is bounded.
import { randomUUID } from "node:crypto";
import { Client } from "pg";
import {
  PetProductRecommendationsDocument,
  PlaceOrderDocument,
  RecordAllergyDocument,
  RecordMedicationDocument,
  SetShippingAddressDocument,
  AddToCartDocument,
  StartCheckoutDocument,
} from "../clients/__generated__/graphql";
import { buildCategory, buildProduct, buildVariant, buildVendor } from "./catalog-corpus";
import { execute, onlyError, ownerPetAndVet, registerUser, startStack, type Stack } from "./harness";
import { flatShipping, shopWithStock, US_ADDRESS } from "./orders-fixtures";

const OCLACITINIB = "QD11AH90";
const CARPROFEN = "QM01AE91";
const yearsAgo = (years: number) => new Date(Date.now() - years * 365.25 * 86_400_000).toISOString().slice(0, 10);

let stack: Stack;
let db: Client;
const gateway = () => stack.gateway.url;

beforeAll(async () => {
  // A database of its own: the ranking is compared whole, with no other test's products in it.
  stack = await startStack({ ownDatabase: true });
  db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

/** Products of an approved dog shop, in stock; `delivered` deliveries of each make it popular. */
async function dogShop() {
  const vendorId = await buildVendor(db);
  const categoryId = await buildCategory(db, "Dogs");
  return async (
    title: string,
    p: { description?: string; stages?: string[]; rx?: string[]; delivered?: number } = {},
  ) => {
    const id = await buildProduct(db, {
      vendorId,
      categoryId,
      title,
      description: p.description ?? "",
      species: ["DOG"],
      lifeStages: p.stages ?? [],
      medicationCodes: p.rx ?? [],
    });
    await buildVariant(db, { productId: id, priceMinor: 1999, onHand: 10 });
    for (let i = 0; i < (p.delivered ?? 0); i++)
      await db.query(
        `INSERT INTO catalog.delivered_purchases (user_id, product_id, order_id, delivered_at) VALUES ($1, $2, $3, now())`,
        [randomUUID(), id, randomUUID()],
      );
    return id;
  };
}

/** Anna's adult dog Rex: a chicken allergy and a running oclacitinib prescription, written by his vet. */
async function annaAndRex() {
  const { owner, petId, vet } = await ownerPetAndVet(stack, { name: "Rex", species: "DOG", dateOfBirth: yearsAgo(3) });
  const allergy = await execute(
    gateway(),
    RecordAllergyDocument,
    { input: { petId, substance: "Chicken", reaction: "Itchy skin", severity: "MODERATE" } },
    vet.token,
  );
  if (!allergy.data) throw new Error(JSON.stringify(allergy.errors));
  const prescription = await execute(
    gateway(),
    RecordMedicationDocument,
    {
      input: {
        petId,
        kind: "PRESCRIPTION",
        drug: "Oclacitinib 16 mg",
        code: OCLACITINIB,
        dose: 1,
        doseUnit: "tablet",
        route: "ORAL",
        frequency: "once daily",
        startsOn: new Date().toISOString().slice(0, 10),
        refills: 3,
      },
    },
    vet.token,
  );
  if (!prescription.data) throw new Error(JSON.stringify(prescription.errors));
  return { anna: owner, petId };
}

/** Anna buys a salmon kibble through the shop (a paid order with the offline provider). */
async function annaBuysSalmonKibble(anna: { token: string }) {
  const shop = await shopWithStock(stack, [{ priceMinor: 2500, stock: 5 }], {
    label: "salmon-shop",
    product: { title: "Wild salmon & potato kibble for adult dogs", description: "Salmon is the first ingredient." },
  });
  await flatShipping(stack, shop.vendor, 500);
  const added = await execute(
    gateway(),
    AddToCartDocument,
    { input: { variantId: shop.variantIds[0]!, quantity: 1 } },
    anna.token,
  );
  if (added.errors) throw new Error(JSON.stringify(added.errors));
  await execute(gateway(), SetShippingAddressDocument, { input: US_ADDRESS }, anna.token);
  const started = await execute(gateway(), StartCheckoutDocument, {}, anna.token);
  expect(started.data?.startCheckout.__typename).toBe("CheckoutStarted");
  const placed = await execute(gateway(), PlaceOrderDocument, {}, anna.token);
  if (placed.data?.placeOrder.__typename !== "OrderPlaced") throw new Error(JSON.stringify(placed));
  return shop.productId;
}

describe("product recommendations for a pet, ranked by ai", () => {
  it("puts Rex's refill first, leaves out chicken and unprescribed medicines, and says why for each", async () => {
    const { anna, petId } = await annaAndRex();
    const product = await dogShop();
    const refill = await product("Apoquel 16 mg tablets", { rx: [OCLACITINIB] });
    const unprescribed = await product("Carprofen 50 mg", { rx: [CARPROFEN], delivered: 9 });
    const chickenKibble = await product("Chicken & rice kibble for adult dogs", { stages: ["ADULT"], delivered: 20 });
    const poultryJerky = await product("Duck jerky", { description: "Made with poultry fat", delivered: 12 });
    const chickenFree = await product("Hypoallergenic salmon kibble for adult dogs", {
      description: "A chicken-free recipe for dogs with food allergies.",
      stages: ["ADULT"],
    });
    const salmonBiscuits = await product("Wild salmon biscuits for adult dogs", {
      description: "Salmon is the first ingredient; grain-free.",
    });
    const rope = await product("Rope tug toy", { delivered: 6 });
    await product("Senior dog kibble", { stages: ["SENIOR"], delivered: 30 });
    const bought = await annaBuysSalmonKibble(anna);

    const result = await execute(gateway(), PetProductRecommendationsDocument, { id: petId, first: 20 }, anna.token);
    expect(result.errors).toBeUndefined();
    const list = result.data!.pet!.productRecommendations!;
    const ids = list.map((r) => r.product!.id);

    expect(list[0]).toMatchObject({
      product: { id: refill, prescriptionOnly: true },
      reason: "Refill of Rex's prescription for Oclacitinib 16 mg",
    });
    expect(ids).not.toContain(unprescribed);
    expect(list.filter((r) => r.product!.prescriptionOnly).map((r) => r.product!.id)).toEqual([refill]);
    expect(ids).not.toContain(chickenKibble);
    expect(ids).not.toContain(poultryJerky);
    expect(list.filter((r) => /chicken/i.test(r.product!.title))).toEqual([]);
    expect(list.find((r) => r.product!.id === chickenFree)?.reason).toBe("Free from chicken, which Rex is allergic to");
    expect(list.find((r) => r.product!.id === salmonBiscuits)?.reason).toBe(
      "Like the Wild salmon & potato kibble for adult dogs you bought",
    );
    expect(list.find((r) => r.product!.id === bought)?.reason).toBe("You bought this before");
    expect(ids).toEqual(expect.arrayContaining([bought, rope]));
    expect(new Set(ids).size).toBe(ids.length);
    // The whole list: the refill, what Anna bought again, the chicken-free kibble, what is like her
    // purchase, then the popular toy; nothing else in the shop may be offered to Rex.
    expect(list.map((r) => [r.product!.id, r.reason])).toEqual([
      [refill, "Refill of Rex's prescription for Oclacitinib 16 mg"],
      [bought, "You bought this before"],
      [chickenFree, "Free from chicken, which Rex is allergic to"],
      [salmonBiscuits, "Like the Wild salmon & potato kibble for adult dogs you bought"],
      [rope, "Popular with dog owners"],
    ]);
    for (const item of list) {
      expect(item.reason.length).toBeGreaterThan(0);
      expect(Number.isFinite(item.score)).toBe(true);
    }
    const scores = list.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("tells a stranger nothing: the pet is not theirs to see", async () => {
    const { petId } = await annaAndRex();
    const stranger = await registerUser(stack, "stranger");
    const result = await execute(gateway(), PetProductRecommendationsDocument, { id: petId }, stranger.token);
    expect(result.data?.pet ?? null).toBeNull();
    expect(onlyError(result).extensions?.code).toBe("NOT_FOUND");
  });

  it("refuses more than 20 at a time, naming `first`", async () => {
    const { anna, petId } = await annaAndRex();
    const result = await execute(gateway(), PetProductRecommendationsDocument, { id: petId, first: 21 }, anna.token);
    expect(result.data?.pet?.productRecommendations ?? null).toBeNull();
    expect(onlyError(result).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });
});
