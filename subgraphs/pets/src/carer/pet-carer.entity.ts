import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/**
 * Someone an owner shared a pet with, by email. The email matches the `email` claim of the
 * carer's access token, so a share works before the carer has an account (docs/decisions/0006).
 */
@Entity({ name: "pet_carers" })
export class PetCarerEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { name: "pet_id" })
  petId!: string;

  @Column("text")
  email!: string;

  @Column("timestamptz", { nullable: true })
  until!: Date | null;

  @Column("uuid", { name: "added_by" })
  addedBy!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
