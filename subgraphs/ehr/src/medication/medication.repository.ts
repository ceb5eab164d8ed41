import type { DataSource } from "typeorm";
import { MedicationEntity } from "./medication.entity";

/** Queries of the `medications` table beyond the timeline's. */
export class MedicationRepository {
  constructor(private readonly db: DataSource) {}

  /** A pet's prescriptions running on `today` (started, not ended), newest first. */
  activePrescriptionsOf(petId: string, today: string): Promise<MedicationEntity[]> {
    return this.db
      .getRepository(MedicationEntity)
      .createQueryBuilder("m")
      .where("m.petId = :petId AND m.kind = 'PRESCRIPTION' AND m.startsOn <= :today", { petId, today })
      .andWhere("(m.endsOn IS NULL OR m.endsOn >= :today)", { today })
      .orderBy("m.occurredAt", "DESC")
      .addOrderBy("m.id", "DESC")
      .getMany();
  }
}
