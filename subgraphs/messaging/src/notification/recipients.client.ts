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

  /**
   * By vendor id, the people who hold a role there (only its admins when `adminsOnly`): low stock
   * reaches the admins, a paid order everyone who fulfils it. One request for all the vendors.
   */
  async vendorStaff(vendorIds: readonly string[], adminsOnly: boolean): Promise<Map<string, string[]>> {
    if (!vendorIds.length) return new Map();
    const fields = vendorIds.map(
      (_, i) => `v${i}: vendorStaffIds(vendorId: $v${i}${adminsOnly ? ", roles: [VENDOR_ADMIN]" : ""})`,
    );
    const answer = await this.identity.serviceQuery<Record<string, string[] | null>>(
      `query(${vendorIds.map((_, i) => `$v${i}: ID!`).join(", ")}) { ${fields.join(" ")} }`,
      Object.fromEntries(vendorIds.map((id, i) => [`v${i}`, id])),
    );
    return new Map(vendorIds.map((id, i) => [id, answer[`v${i}`] ?? []]));
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
