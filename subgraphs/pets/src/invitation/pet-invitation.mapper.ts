import type { InvitationRow } from "./pet-invitation.repository";
import { PetInvitationStatus, type PetInvitation } from "./pet-invitation.type";

/** An invitation as resolvers return it: `pet` is resolved from `petId`, for viewers who may read the pet. */
export type PetInvitationView = Omit<PetInvitation, "pet"> & { petId: string };

/** The GraphQL shape of an invitation: EXPIRED is decided at read time, as `expiresAt` passes without a write. */
export function toPetInvitation(row: InvitationRow, now = Date.now()): PetInvitationView {
  const expired = row.status === PetInvitationStatus.PENDING && row.expiresAt.getTime() <= now;
  return {
    id: row.id,
    petId: row.petId,
    kind: row.kind,
    status: expired ? PetInvitationStatus.EXPIRED : (row.status as PetInvitationStatus),
    email: row.email,
    petName: row.petName,
    invitedBy: { id: row.invitedBy },
    expiresAt: row.expiresAt,
    answeredAt: row.answeredAt,
    createdAt: row.createdAt,
  };
}
