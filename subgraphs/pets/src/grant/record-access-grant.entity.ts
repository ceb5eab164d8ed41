import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/** An owner's permission for one clinic's vets and staff to see and add to a pet's health record. */
@Entity({ name: "record_access_grants" })
export class RecordAccessGrantEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { name: "pet_id" })
  petId!: string;

  @Column("uuid", { name: "clinic_id" })
  clinicId!: string;

  @Column("uuid", { name: "granted_by" })
  grantedBy!: string;

  @Column("timestamptz", { nullable: true })
  until!: Date | null;

  @Column("timestamptz", { name: "revoked_at", nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}

export const isGrantActive = (grant: Pick<RecordAccessGrantEntity, "until" | "revokedAt">, now = Date.now()): boolean =>
  !grant.revokedAt && (!grant.until || grant.until.getTime() > now);
