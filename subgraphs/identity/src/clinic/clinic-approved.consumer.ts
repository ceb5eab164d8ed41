import type { DataSource, EntityManager } from "typeorm";
import { consume, type DomainEvent, type EventBus, type EventSubscription } from "@pawgraph/subgraph-kit";
import { CLINIC_APPROVED } from "../consumed-events";

/** The person who registered an approved clinic becomes its CLINIC_ADMIN (their next token carries it). */
export async function applyClinicApproved(event: DomainEvent, manager: EntityManager): Promise<void> {
  const { clinicId, createdBy } = CLINIC_APPROVED.decode(event);
  const updated: unknown[] = await manager.query(
    `UPDATE identity.users SET roles = CASE WHEN 'CLINIC_ADMIN' = ANY(roles) THEN roles ELSE array_append(roles, 'CLINIC_ADMIN') END
     WHERE id = $1 RETURNING id`,
    [createdBy],
  );
  if (updated.length === 0) return; // an account this database does not hold
  await manager.query(
    `INSERT INTO identity.clinic_memberships (user_id, clinic_id, role) VALUES ($1, $2, 'CLINIC_ADMIN') ON CONFLICT DO NOTHING`,
    [createdBy, clinicId],
  );
}

/** Subscribes identity to bookings' `clinic.approved`. */
export function consumeClinicApproved(bus: EventBus, dataSource: DataSource): Promise<EventSubscription> {
  return consume(bus, { dataSource, schema: "identity", consumer: "identity.clinic-admins", types: [CLINIC_APPROVED.type], handle: applyClinicApproved });
}
