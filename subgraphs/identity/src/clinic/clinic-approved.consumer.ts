import type { DataSource, EntityManager } from "typeorm";
import { consume, type DomainEvent, type EventBus, type EventSubscription } from "@pawgraph/subgraph-kit";
import { CLINIC_APPROVED } from "../consumed-events";
import type { UserRepository } from "../user/user.repository";

/** The person who registered an approved clinic becomes its CLINIC_ADMIN (their next token carries it). */
export async function applyClinicApproved(
  users: UserRepository,
  event: DomainEvent,
  manager: EntityManager,
): Promise<void> {
  const { clinicId, createdBy } = CLINIC_APPROVED.decode(event);
  if (!(await users.addRole(manager, createdBy, "CLINIC_ADMIN"))) return; // an account this database does not hold
  await users.addMembership(manager, { userId: createdBy, clinicId, role: "CLINIC_ADMIN" });
}

/** Subscribes identity to bookings' `clinic.approved`. */
export function consumeClinicApproved(
  bus: EventBus,
  dataSource: DataSource,
  users: UserRepository,
): Promise<EventSubscription> {
  return consume(bus, {
    dataSource,
    schema: "identity",
    consumer: "identity.clinic-admins",
    types: [CLINIC_APPROVED.type],
    handle: (event, manager) => applyClinicApproved(users, event, manager),
  });
}
