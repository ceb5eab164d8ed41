import { NotFoundError, type BaseContext, type SubgraphClient } from "@pawgraph/subgraph-kit";

/**
 * Who works at a clinic as a vet, asked of identity (clinic memberships live there, and a vet's own
 * token is the only other place that knows them). A vet named in any input must hold the VET role at
 * the clinic, so a clinic cannot give itself another clinic's vet, its receptionists and admins get no
 * working hours or slots, and nobody can probe or book a vet through a clinic they do not work at.
 */
export class ClinicStaff {
  constructor(private readonly identity: SubgraphClient) {}

  /** NOT_FOUND on `field` unless `vetId` is a vet of the clinic. */
  async requireMember(ctx: BaseContext, clinicId: string, vetId: string, field: string): Promise<void> {
    const answer = await this.identity.query<{ clinicStaffIds: string[] }>(
      ctx,
      `query BookingsClinicVets($clinicId: ID!) { clinicStaffIds(clinicId: $clinicId, roles: [VET]) }`,
      { clinicId },
    );
    if (!answer.clinicStaffIds.includes(vetId)) throw new NotFoundError("Vet", field);
  }
}
