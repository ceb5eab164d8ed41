import { Arg, ID, Query, Resolver } from "type-graphql";
import { BadUserInputError, Internal, isUuid } from "@pawgraph/subgraph-kit";
import type { ClinicRepository } from "../clinic/clinic.repository";
import type { ClinicStatus } from "../clinic/clinic.type";
import { KnownClinic } from "./known-clinic.type";

/**
 * Internal query other subgraphs call directly (with the gateway secret) before they store a clinic id
 * a client sent (a record-access grant, a role, a conversation): bookings owns clinics, so only it can
 * say whether one exists. It states facts (exists, status); each caller applies its own rule to them
 * (docs/decisions/0027). `@Internal()`: the gateway never serves it.
 */
@Resolver()
export class KnownClinicResolver {
  constructor(private readonly clinics: ClinicRepository) {}

  @Internal()
  @Query(() => [KnownClinic], {
    nullable: true,
    description: "Internal: which of up to 100 clinic ids exist, with their status; unknown ids are left out.",
  })
  async knownClinics(
    @Arg("ids", () => [ID], { description: "The clinic ids to look up." }) ids: string[],
  ): Promise<KnownClinic[]> {
    if (ids.length > 100 || !ids.every(isUuid))
      throw new BadUserInputError("ids", "ids must be at most 100 clinic ids");
    const clinics = await this.clinics.byIds(ids.map((id) => id.toLowerCase()));
    return clinics.map((clinic) => ({ id: clinic.id, status: clinic.status as ClinicStatus }));
  }
}
