import { randomUUID } from "node:crypto";
import { Client } from "pg";
import {
  PetActivePrescriptionsDocument,
  PetRecommendationsDocument,
  RecordMedicationDocument,
} from "../clients/__generated__/graphql";
import { buildCategory, buildProduct, buildVariant, buildVendor } from "./catalog-corpus";
import { execute, onlyError, ownerPetAndVet, registerUser, startStack, type Stack } from "./harness";

/**
 * Pet.recommendedProducts: catalog's rules over the pet's species and birth date (from pets, by
 * `@requires`) and its running prescriptions (from ehr, asked with the viewer's token).
 */
let stack: Stack;
let db: Client;

beforeAll(async () => {
  // A database of its own: recommendations rank the whole shop, and other files' dog products (care
  // plans, wellness offers, payouts all stock some) would crowd this file's out of the first 20.
  stack = await startStack({ ownDatabase: true });
  db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

const CARPROFEN = "QM01AE91";
const yearsAgo = (years: number) => new Date(Date.now() - years * 365.25 * 86_400_000).toISOString().slice(0, 10);

/** A shop with products in stock (e2e/catalog-corpus.ts's rows): this test is about the choice, not the writing. */
async function shop(status: "APPROVED" | "SUSPENDED" = "APPROVED") {
  const vendorId = await buildVendor(db, { status });
  const categoryId = await buildCategory(db, "Dogs");
  const product = async (
    title: string,
    p: { species?: string[]; stages?: string[]; rx?: string[]; onHand?: number; status?: "DRAFT" | "ACTIVE" } = {},
  ) => {
    const productId = await buildProduct(db, {
      vendorId,
      categoryId,
      title,
      species: p.species ?? ["DOG"],
      lifeStages: p.stages ?? [],
      status: p.status ?? "ACTIVE",
      medicationCodes: p.rx ?? [],
    });
    await buildVariant(db, { productId, priceMinor: 1999, onHand: p.onHand ?? 5 });
    return productId;
  };
  return { product };
}

describe("recommended products for a pet", () => {
  it("picks the pet's species and life stage, in stock, and prescription medicines only against its prescription", async () => {
    const { owner, petId, vet } = await ownerPetAndVet(stack, { species: "DOG", dateOfBirth: yearsAgo(3) });
    const { product } = await shop();
    const adultFood = await product(`Adult dog kibble ${randomUUID()}`, { stages: ["ADULT"] });
    const anyAgeToy = await product(`Rope toy ${randomUUID()}`);
    await product(`Senior dog kibble ${randomUUID()}`, { stages: ["SENIOR"] });
    await product(`Cat food ${randomUUID()}`, { species: ["CAT"] });
    await product(`Sold-out dog treats ${randomUUID()}`, { onHand: 0 });
    await product(`Draft dog bed ${randomUUID()}`, { status: "DRAFT" });
    const carprofen = await product(`Carprofen 50 mg ${randomUUID()}`, { rx: [CARPROFEN] });
    await product(`Other prescription drug ${randomUUID()}`, { rx: ["QP53BE01"] });
    const { product: hiddenShopProduct } = await shop("SUSPENDED");
    await hiddenShopProduct(`Suspended shop's kibble ${randomUUID()}`);

    const ask = async () => {
      const result = await execute(
        stack.gateway.url,
        PetRecommendationsDocument,
        { id: petId, first: 20 },
        owner.token,
      );
      expect(result.errors).toBeUndefined();
      return result.data!.pet!.recommendedProducts!.map((p) => p.id).filter((id) => ownIds.has(id));
    };
    const ownIds = new Set([adultFood, anyAgeToy, carprofen]);
    // Other test files' products of other shops may be recommended too; only this shop's are compared.
    expect(await ask()).toEqual([adultFood, anyAgeToy]);

    const prescribed = await execute(
      stack.gateway.url,
      RecordMedicationDocument,
      {
        input: {
          petId,
          kind: "PRESCRIPTION",
          drug: "Carprofen 50 mg",
          code: CARPROFEN.toLowerCase(),
          dose: 1,
          doseUnit: "tablet",
          route: "ORAL",
          frequency: "once daily",
          startsOn: new Date().toISOString().slice(0, 10),
          refills: 2,
        },
      },
      vet.token,
    );
    expect(prescribed.errors).toBeUndefined();
    const prescriptions = await execute(stack.gateway.url, PetActivePrescriptionsDocument, { id: petId }, owner.token);
    expect(prescriptions.data?.pet?.activePrescriptions).toEqual([
      expect.objectContaining({ drug: "Carprofen 50 mg", code: CARPROFEN, refillsLeft: 2 }),
    ]);
    // What it is prescribed first, then what is made for its life stage; then (no ratings yet) newest first.
    expect(await ask()).toEqual([carprofen, adultFood, anyAgeToy]);
  });

  it("refuses a bad ATCvet code on a medication, naming the field", async () => {
    const { petId, vet } = await ownerPetAndVet(stack);
    const result = await execute(
      stack.gateway.url,
      RecordMedicationDocument,
      {
        input: {
          petId,
          kind: "PRESCRIPTION",
          drug: "Carprofen",
          code: "carprofen",
          dose: 1,
          doseUnit: "tablet",
          route: "ORAL",
          frequency: "daily",
          startsOn: new Date().toISOString().slice(0, 10),
        },
      },
      vet.token,
    );
    expect(onlyError(result)).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "input.code" } });
  });

  it("tells a stranger nothing: the pet is not theirs to see", async () => {
    const { petId } = await ownerPetAndVet(stack);
    const stranger = await registerUser(stack, "stranger");
    const result = await execute(stack.gateway.url, PetRecommendationsDocument, { id: petId }, stranger.token);
    expect(result.data?.pet ?? null).toBeNull();
    expect(onlyError(result).extensions?.code).toBe("NOT_FOUND");
  });
});
