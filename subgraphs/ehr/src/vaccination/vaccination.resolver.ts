import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { EhrContext } from "../context";
import { RecordVaccinationInput } from "./vaccination.inputs";
import { toVaccination } from "./vaccination.mapper";
import { Vaccination } from "./vaccination.type";
import type { VaccinationService } from "./vaccination.service";

@Resolver(() => Vaccination)
export class VaccinationResolver {
  constructor(private readonly vaccinations: VaccinationService) {}

  @Authorized()
  @Mutation(() => Vaccination, {
    description: "Record a vaccination; its reminder is created or moved to the next due date.",
  })
  async recordVaccination(
    @Arg("input", () => RecordVaccinationInput, { description: "The vaccination." }) input: RecordVaccinationInput,
    @Ctx() ctx: EhrContext,
  ): Promise<Vaccination> {
    return toVaccination(await this.vaccinations.record(ctx, input));
  }
}
