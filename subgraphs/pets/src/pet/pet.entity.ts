import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { PetSex, Species } from "./pet.type";

/** A pet's identity and description; owners, carers and weights live in their own tables. */
@Entity({ name: "pets" })
export class PetEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  /** Insertion order: the stable sort key behind pet cursors. */
  @Column({ type: "bigint", insert: false, update: false })
  seq!: string;

  @Column("text")
  name!: string;

  @Column("text")
  species!: Species;

  @Column("text", { nullable: true })
  breed!: string | null;

  @Column("text", { default: "UNKNOWN" })
  sex!: PetSex;

  @Column("boolean", { nullable: true })
  neutered!: boolean | null;

  @Column("date", { name: "date_of_birth", nullable: true })
  dateOfBirth!: string | null;

  @Column("text", { nullable: true })
  colour!: string | null;

  @Column("text", { name: "microchip_id", nullable: true })
  microchipId!: string | null;

  @Column("text", { name: "photo_url", nullable: true })
  photoUrl!: string | null;

  @Column("date", { name: "deceased_on", nullable: true })
  deceasedOn!: string | null;

  @Column("timestamptz", { name: "archived_at", nullable: true })
  archivedAt!: Date | null;

  @Column("uuid", { name: "created_by" })
  createdBy!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}

/** Who owns a pet: owners may change it and share it. */
@Entity({ name: "pet_owners" })
export class PetOwnerEntity {
  @Column("uuid", { name: "pet_id", primary: true })
  petId!: string;

  @Column("uuid", { name: "user_id", primary: true })
  userId!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
