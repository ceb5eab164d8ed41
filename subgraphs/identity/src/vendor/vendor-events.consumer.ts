import type { DataSource, EntityManager } from "typeorm";
import {
  idempotentHandler,
  isUuid,
  type DomainEvent,
  type EventBus,
  type EventSubscription,
} from "@pawgraph/subgraph-kit";
import { VENDOR_APPROVED, VENDOR_SUSPENDED } from "../consumed-events";
import type { RevocationService } from "../revocation/revocation.service";
import type { UserRepository } from "../user/user.repository";
import type { VendorMembershipRepository } from "./vendor-membership.repository";

export const VENDOR_EVENTS_CONSUMER = "identity.vendor-memberships";

interface Deps {
  users: UserRepository;
  vendors: VendorMembershipRepository;
  revocations: RevocationService;
}

/**
 * The person who applied for an approved vendor becomes its VENDOR_ADMIN (their next token carries it),
 * the way `clinic.approved` makes a clinic's registrant its CLINIC_ADMIN.
 */
export async function applyVendorApproved(deps: Deps, event: DomainEvent, manager: EntityManager): Promise<void> {
  const { vendorId, appliedBy } = VENDOR_APPROVED.decode(event);
  // Ids this database cannot hold would fail the insert and stall the consumer: such an event changes nothing.
  if (!isUuid(vendorId) || !isUuid(appliedBy)) return;
  const userId = appliedBy.toLowerCase();
  if (!(await deps.users.addRole(manager, userId, "VENDOR_ADMIN"))) return; // an account this database does not hold
  await deps.vendors.add(manager, { userId, vendorId: vendorId.toLowerCase(), role: "VENDOR_ADMIN" });
}

/**
 * A suspended vendor's people lose their roles there (and a vendor role held nowhere else), and
 * their access tokens stop within seconds: a token must not keep acting for a suspended vendor until
 * it expires. Returns whether anyone's tokens were revoked.
 */
export async function applyVendorSuspended(deps: Deps, event: DomainEvent, manager: EntityManager): Promise<boolean> {
  const { vendorId } = VENDOR_SUSPENDED.decode(event);
  if (!isUuid(vendorId)) return false;
  // Lock order (revocation.service.ts): the users' rows before the memberships.
  await deps.vendors.lockHolders(manager, vendorId.toLowerCase());
  const userIds = await deps.vendors.removeVendor(manager, vendorId.toLowerCase());
  for (const userId of userIds) {
    await deps.vendors.syncRoles(manager, userId);
    await deps.revocations.revokeAccessTokens(manager, userId);
  }
  return userIds.length > 0;
}

/** Subscribes identity to catalog's `vendor.approved` and `vendor.suspended`, each event applied once. */
export function consumeVendorEvents(bus: EventBus, dataSource: DataSource, deps: Deps): Promise<EventSubscription> {
  return bus.subscribe({
    group: VENDOR_EVENTS_CONSUMER,
    handler: async (event) => {
      let revoked = false;
      await idempotentHandler({
        dataSource,
        schema: "identity",
        consumer: VENDOR_EVENTS_CONSUMER,
        types: [VENDOR_APPROVED.type, VENDOR_SUSPENDED.type],
        handle: async (applied, manager) => {
          if (applied.type === VENDOR_APPROVED.type) await applyVendorApproved(deps, applied, manager);
          else revoked = await applyVendorSuspended(deps, applied, manager);
        },
      })(event);
      // After the commit: identity's own token checks see the revocation at once, others within a poll.
      if (revoked) await deps.revocations.published();
    },
  });
}
