import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { EhrContext } from "../context";
import { RecordAllergyInput } from "./allergy.inputs";
import { toAllergy } from "./allergy.mapper";
import { Allergy } from "./allergy.type";
import type { AllergyService } from "./allergy.service";

/** Writes allergies to a pet's record. */
@Resolver(() => Allergy)
export class AllergyResolver {
  constructor(private readonly allergies: AllergyService) {}

  @Authorized()
  @Mutation(() => Allergy, { description: "Record an allergy (vets and staff of a clinic with access)." })
  async recordAllergy(
    @Arg("input", () => RecordAllergyInput, { description: "The allergy." }) input: RecordAllergyInput,
    @Ctx() ctx: EhrContext,
  ): Promise<Allergy> {
    return toAllergy(await this.allergies.record(ctx, input));
  }
}
