import { isUuid, type PersonalDataSubject } from "@pawgraph/subgraph-kit";
import type { EntityManager } from "typeorm";

/**
 * Before pets' erasure rules run (docs/decisions/0048): a pet whose only owner is the person goes,
 * with its weights, carers, invitations, record access grants and access rows (all ON DELETE
 * CASCADE). A pet with another owner is left alone: the rule on pet_owners then removes only the
 * person's ownership. What clinics recorded about a deleted pet stays in ehr under its id.
 * pets publishes no event when a pet goes (it has no delete path of its own), so none is written.
 * Returns the pets deleted; their cascaded rows are not counted.
 */
export async function eraseSolePets(manager: EntityManager, subject: PersonalDataSubject): Promise<number> {
  if (!isUuid(subject.userId)) return 0;
  // The pet row lock is the one every change of a pet's owners takes first (PetInvitationRepository.lockPet):
  // held, no invitation can add an owner between the check below and the delete. In id order, so two
  // erasures sharing pets cannot deadlock.
  await manager.query(
    `SELECT 1 FROM pets.pets p WHERE p.id IN (SELECT pet_id FROM pets.pet_owners WHERE user_id = $1)
      ORDER BY p.id FOR UPDATE OF p`,
    [subject.userId],
  );
  // A statement of its own, so under READ COMMITTED it sees owners committed before the locks were granted.
  // TypeORM answers a DELETE with [rows, rowCount].
  const [, deleted] = (await manager.query(
    `DELETE FROM pets.pets p
      WHERE p.id IN (SELECT pet_id FROM pets.pet_owners WHERE user_id = $1)
        AND NOT EXISTS (SELECT 1 FROM pets.pet_owners o WHERE o.pet_id = p.id AND o.user_id <> $1)`,
    [subject.userId],
  )) as [unknown[], number];
  return deleted;
}
