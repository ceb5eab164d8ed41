import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { BookingsContext } from "../context";
import { AddClinicServiceInput } from "./clinic-service.inputs";
import { toClinicService } from "./clinic-service.mapper";
import type { ClinicServiceService } from "./clinic-service.service";
import { ClinicServiceType } from "./clinic-service.type";

@Resolver(() => ClinicServiceType)
export class ClinicServiceResolver {
  constructor(private readonly catalog: ClinicServiceService) {}

  @Authorized()
  @Mutation(() => ClinicServiceType, { description: "Add a bookable service to a clinic (clinic admins)." })
  async addClinicService(
    @Arg("input", () => AddClinicServiceInput, { description: "The service." }) input: AddClinicServiceInput,
    @Ctx() ctx: BookingsContext,
  ): Promise<ClinicServiceType> {
    return toClinicService(await this.catalog.add(ctx, input));
  }
}
