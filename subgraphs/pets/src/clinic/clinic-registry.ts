import { NotFoundError, type BaseContext, type SubgraphClient } from "@pawgraph/subgraph-kit";

/**
 * Whether a clinic a client names exists and takes patients, asked of bookings (which owns clinics)
 * before a grant is stored: a grant to a clinic id nobody registered was accepted and then read as
 * `clinic: null`. Only APPROVED clinics: owners cannot see pending or rejected ones either
 * (docs/decisions/0027). bookings unreachable is SERVICE_UNAVAILABLE (the kit's SubgraphCallError),
 * never "not found" and never an unchecked write.
 */
export class ClinicRegistry {
  constructor(private readonly bookings: SubgraphClient) {}

  /** NOT_FOUND on `field` unless the clinic exists and is approved. */
  async requireApproved(ctx: BaseContext, clinicId: string, field: string): Promise<void> {
    const answer = await this.bookings.query<{ knownClinics: { id: string; status: string }[] }>(
      ctx,
      `query PetsKnownClinics($ids: [ID!]!) { knownClinics(ids: $ids) { id status } }`,
      { ids: [clinicId] },
    );
    if (answer.knownClinics.find((clinic) => clinic.id === clinicId)?.status !== "APPROVED")
      throw new NotFoundError("Clinic", field);
  }
}
