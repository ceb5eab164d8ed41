import { NotFoundError, type BaseContext, type SubgraphClient } from "@pawgraph/subgraph-kit";

/**
 * Who works at a clinic, asked of identity (clinic memberships live there, and a vet's own token is
 * the only other place that knows them). A vet named in any input must be on the clinic's staff, so a
 * clinic cannot give itself another clinic's vet, and nobody can probe or book a vet through a clinic
 * they do not work at.
 */
export class ClinicStaff {
  constructor(private readonly identity: SubgraphClient) {}

  /** NOT_FOUND on `field` unless `vetId` holds a role at the clinic. */
  async requireMember(ctx: BaseContext, clinicId: string, vetId: string, field: string): Promise<void> {
    const answer = await this.identity.query<{ clinicStaffIds: string[] }>(ctx, `query BookingsClinicStaff($clinicId: ID!) { clinicStaffIds(clinicId: $clinicId) }`, { clinicId });
    if (!answer.clinicStaffIds.includes(vetId)) throw new NotFoundError("Vet", field);
  }
}
