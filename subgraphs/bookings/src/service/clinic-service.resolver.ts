import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { toService } from "../clinic/clinic.resolver";
import type { BookingsContext } from "../context";
import { AddClinicServiceInput, ClinicServiceType } from "./clinic-service.type";

@Resolver(() => ClinicServiceType)
export class ClinicServiceResolver {
  @Authorized()
  @Mutation(() => ClinicServiceType, { description: "Add a bookable service to a clinic (clinic admins)." })
  async addClinicService(@Arg("input", () => AddClinicServiceInput, { description: "The service." }) input: AddClinicServiceInput, @Ctx() ctx: BookingsContext): Promise<ClinicServiceType> {
    return toService(await ctx.services.catalog.add(ctx, input));
  }
}
