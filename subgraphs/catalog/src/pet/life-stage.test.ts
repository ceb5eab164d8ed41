import { LifeStage, Species } from "../shared/species";
import { lifeStageOf } from "./life-stage";

describe("lifeStageOf", () => {
  const today = "2026-12-01";

  it("calls a dog under a year JUNIOR, up to 7 ADULT, from 7 SENIOR", () => {
    expect(lifeStageOf(Species.DOG, "2026-03-01", today)).toBe(LifeStage.JUNIOR);
    expect(lifeStageOf(Species.DOG, "2025-11-30", today)).toBe(LifeStage.ADULT);
    expect(lifeStageOf(Species.DOG, "2019-12-02", today)).toBe(LifeStage.ADULT);
    expect(lifeStageOf(Species.DOG, "2019-11-30", today)).toBe(LifeStage.SENIOR);
  });

  it("makes cats senior at 10, not 7", () => {
    expect(lifeStageOf(Species.CAT, "2018-06-01", today)).toBe(LifeStage.ADULT);
    expect(lifeStageOf(Species.CAT, "2016-06-01", today)).toBe(LifeStage.SENIOR);
  });

  it("follows species whose young stage is longer or shorter (foals, hamsters)", () => {
    expect(lifeStageOf(Species.HORSE, "2024-06-01", today)).toBe(LifeStage.JUNIOR);
    expect(lifeStageOf(Species.HAMSTER, "2026-06-01", today)).toBe(LifeStage.ADULT);
  });

  it("never calls an animal senior where no age is known for its species", () => {
    expect(lifeStageOf(Species.REPTILE, "1990-01-01", today)).toBe(LifeStage.ADULT);
  });

  it("answers null without a birth date", () => {
    expect(lifeStageOf(Species.DOG, null, today)).toBeNull();
  });
});
