import type { SubgraphClient } from "@pawgraph/subgraph-kit";
import type { PetAudience } from "./notification.content";

export interface Contact {
  email: string;
  displayName: string;
  /** The account proved it receives mail at `email`. */
  emailVerified: boolean;
}

/** A client of identity and pets (their internal fields, no viewer): whom to tell and how to reach them. */
export class RecipientsClient {
  constructor(
    private readonly identity: SubgraphClient,
    private readonly pets: SubgraphClient,
  ) {}

  async petAudience(petIds: string[]): Promise<Map<string, PetAudience>> {
    if (!petIds.length) return new Map();
    const answer = await this.pets.serviceQuery<{ petAudience: { petId: string; name: string; ownerIds: string[] }[] }>(
      `query($petIds: [ID!]!) { petAudience(petIds: $petIds) { petId name ownerIds } }`,
      { petIds },
    );
    return new Map(answer.petAudience.map((p) => [p.petId, { name: p.name, ownerIds: p.ownerIds }]));
  }

  /** Everyone who holds a role at the clinic: whom an owner's message reaches. */
  async clinicStaffIds(clinicId: string): Promise<string[]> {
    const answer = await this.identity.serviceQuery<{ clinicStaffIds: string[] }>(
      `query($clinicId: ID!) { clinicStaffIds(clinicId: $clinicId) }`,
      { clinicId },
    );
    return answer.clinicStaffIds;
  }

  /** The vendor's admins: whom low stock reaches. */
  async vendorAdminIds(vendorId: string): Promise<string[]> {
    const answer = await this.identity.serviceQuery<{ vendorStaffIds: string[] | null }>(
      `query($vendorId: ID!) { vendorStaffIds(vendorId: $vendorId, roles: [VENDOR_ADMIN]) }`,
      { vendorId },
    );
    return answer.vendorStaffIds ?? [];
  }

  async contacts(userIds: string[]): Promise<Map<string, Contact>> {
    if (!userIds.length) return new Map();
    const answer = await this.identity.serviceQuery<{
      notificationContacts: { userId: string; email: string; displayName: string; emailVerified: boolean }[];
    }>(
      `query($userIds: [ID!]!) { notificationContacts(userIds: $userIds) { userId email displayName emailVerified } }`,
      { userIds },
    );
    return new Map(
      answer.notificationContacts.map((c) => [
        c.userId,
        { email: c.email, displayName: c.displayName, emailVerified: c.emailVerified },
      ]),
    );
  }
}
