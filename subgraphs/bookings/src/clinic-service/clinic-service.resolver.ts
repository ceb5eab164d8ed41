import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { BookingsContext } from "../context";
import { AddClinicServiceInput } from "./clinic-service.inputs";
import { toClinicService } from "./clinic-service.mapper";
import { ClinicServiceType } from "./clinic-service.type";

@Resolver(() => ClinicServiceType)
export class ClinicServiceResolver {
  @Authorized()
  @Mutation(() => ClinicServiceType, { description: "Add a bookable service to a clinic (clinic admins)." })
  async addClinicService(@Arg("input", () => AddClinicServiceInput, { description: "The service." }) input: AddClinicServiceInput, @Ctx() ctx: BookingsContext): Promise<ClinicServiceType> {
    return toClinicService(await ctx.services.catalog.add(ctx, input));
  }
}
