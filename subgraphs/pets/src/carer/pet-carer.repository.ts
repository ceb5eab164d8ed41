import type { DataSource } from "typeorm";
import { PetCarerEntity } from "./pet-carer.entity";

/** Shares of pets by email. */
export class PetCarerRepository {
  constructor(private readonly db: DataSource) {}

  /** Every share of these pets, ended ones included, oldest first. */
  ofPets(petIds: readonly string[]): Promise<PetCarerEntity[]> {
    return this.db
      .getRepository(PetCarerEntity)
      .createQueryBuilder("c")
      .where("c.pet_id = ANY(:ids)", { ids: [...petIds] })
      .orderBy("c.created_at")
      .getMany();
  }

  /** Shares the pet with `email`, or changes the end of the share it already has (one per pet and email). */
  async upsert(share: Pick<PetCarerEntity, "petId" | "email" | "until" | "addedBy">): Promise<PetCarerEntity> {
    const result = await this.db
      .createQueryBuilder()
      .insert()
      .into(PetCarerEntity)
      .values(share)
      .orUpdate(["until", "added_by"], ["pet_id", "email"])
      .returning("id")
      .execute();
    const rows = result.raw as { id: string }[];
    return this.db.getRepository(PetCarerEntity).findOneByOrFail({ id: rows[0]!.id });
  }

  /** Ends a share at once by deleting it; false when the pet has no such share. */
  async remove(petId: string, carerId: string): Promise<boolean> {
    const result = await this.db.getRepository(PetCarerEntity).delete({ id: carerId, petId });
    return !!result.affected;
  }
}
