import { createLogger, NotFoundError, SubgraphCallError, type BaseContext } from "@pawgraph/subgraph-kit";
import { LocalEmbedder } from "../embedding/local-embedder";
import type { PetRecordClient } from "../record/pet-record.client";
import type { PetProfile } from "../record/pet-record";
import type { Candidate } from "./ranker";
import { RecommendationService } from "./recommendation.service";
import type { PetHealth, ShopClients } from "./shop.clients";

const ctx: BaseContext = {
  viewer: null,
  requestId: "request-1",
  log: createLogger("test"),
  trustedCaller: true,
};

const kibble: Candidate = {
  id: "kibble",
  title: "Salmon kibble for adult dogs",
  description: "",
  brand: null,
  categoryName: "Food",
  lifeStages: ["ADULT"],
  prescriptionOnly: false,
  medicationCodes: [],
  averageRating: null,
  reviewCount: 0,
  popularity: 2,
};

function service(options: { relationship?: string; health?: () => Promise<PetHealth>; visible?: boolean } = {}) {
  const profile: PetProfile = {
    id: "rex",
    name: "Rex",
    species: "DOG",
    breed: null,
    sex: "MALE",
    neutered: true,
    dateOfBirth: new Date(Date.now() - 3 * 365.25 * 86_400_000).toISOString().slice(0, 10),
    relationship: options.relationship ?? "OWNER",
  };
  const calls = { purchases: 0, candidates: [] as unknown[] };
  const petRecords = {
    profile: async (_ctx: BaseContext, _id: string, field: string) => {
      if (options.visible === false) throw new NotFoundError("Pet", field);
      return profile;
    },
  } as unknown as PetRecordClient;
  const shop = {
    health:
      options.health ??
      (async () => ({ allergies: [], conditions: [], prescriptions: [{ drug: "Apoquel", code: "QD11AH90" }] })),
    purchases: async () => {
      calls.purchases++;
      return [{ productId: "kibble", title: kibble.title }];
    },
    candidates: async (_ctx: BaseContext, criteria: unknown) => {
      calls.candidates.push(criteria);
      return [kibble];
    },
  } as unknown as ShopClients;
  return { recommendations: new RecommendationService(petRecords, shop, new LocalEmbedder()), calls };
}

describe("RecommendationService", () => {
  it("asks catalog for the pet's species, life stage and prescribed codes, and uses the owner's purchases", async () => {
    const { recommendations, calls } = service();
    const ranked = await recommendations.forPet(ctx, "rex", 10);
    expect(calls.candidates).toEqual([{ species: "DOG", lifeStage: "ADULT", prescribedCodes: ["QD11AH90"] }]);
    expect(calls.purchases).toBe(1);
    expect(ranked.map((r) => [r.candidate.id, r.reason])).toEqual([["kibble", "You bought this before"]]);
  });

  it("does not read a carer's or a clinic's orders as the pet's purchases", async () => {
    const { recommendations, calls } = service({ relationship: "CARER" });
    await recommendations.forPet(ctx, "rex", 10);
    expect(calls.purchases).toBe(0);
  });

  it("answers NOT_FOUND for a pet the asker may not see, asking nothing else", async () => {
    const { recommendations, calls } = service({ visible: false });
    await expect(recommendations.forPet(ctx, "rex", 10)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(calls.candidates).toEqual([]);
  });

  it("fails rather than rank without the allergies when ehr is down", async () => {
    const { recommendations } = service({
      health: async () => {
        throw new SubgraphCallError("ehr", "unreachable");
      },
    });
    await expect(recommendations.forPet(ctx, "rex", 10)).rejects.toBeInstanceOf(SubgraphCallError);
  });

  it.each([0, 21, 2.5])("refuses first = %s, naming the argument", async (first) => {
    const { recommendations } = service();
    await expect(recommendations.forPet(ctx, "rex", first)).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      field: "first",
    });
  });
});
