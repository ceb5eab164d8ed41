import { BadUserInputError, NotFoundError, type BaseContext, type SubgraphClient } from "@pawgraph/subgraph-kit";

/**
 * Whether a clinic a platform admin gives someone a role at exists, asked of bookings (which owns
 * clinics) before the membership is stored: a role at a clinic id nobody registered was accepted.
 * PENDING clinics take staff (they are set up before approval); REJECTED ones do not, which the
 * admin, who may see every clinic, is told as such (docs/decisions/0027). bookings unreachable is
 * SERVICE_UNAVAILABLE (the kit's SubgraphCallError), never "not found" and never an unchecked write.
 */
export class ClinicRegistry {
  constructor(private readonly bookings: SubgraphClient) {}

  /** NOT_FOUND on `field` when no such clinic exists; BAD_USER_INPUT when it was rejected. */
  async requireOpenForStaff(ctx: BaseContext, clinicId: string, field: string): Promise<void> {
    const answer = await this.bookings.query<{ knownClinics: { id: string; status: string }[] }>(
      ctx,
      `query IdentityKnownClinics($ids: [ID!]!) { knownClinics(ids: $ids) { id status } }`,
      { ids: [clinicId] },
    );
    const status = answer.knownClinics.find((clinic) => clinic.id === clinicId)?.status;
    if (!status) throw new NotFoundError("Clinic", field);
    if (status === "REJECTED") throw new BadUserInputError(field, "The clinic was rejected: it cannot take staff");
  }
}
