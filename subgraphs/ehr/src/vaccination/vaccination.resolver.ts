import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { EhrContext } from "../context";
import { RecordVaccinationInput } from "./vaccination.inputs";
import { toVaccination } from "./vaccination.mapper";
import { Vaccination } from "./vaccination.type";

@Resolver(() => Vaccination)
export class VaccinationResolver {
  @Authorized()
  @Mutation(() => Vaccination, { description: "Record a vaccination; its reminder is created or moved to the next due date." })
  async recordVaccination(@Arg("input", () => RecordVaccinationInput, { description: "The vaccination." }) input: RecordVaccinationInput, @Ctx() ctx: EhrContext): Promise<Vaccination> {
    return toVaccination(await ctx.services.vaccinations.record(ctx, input));
  }
}
