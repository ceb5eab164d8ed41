import { Column, CreateDateColumn, PrimaryGeneratedColumn } from "typeorm";

/** Columns every timeline record shares (each kind has its own table; the timeline view unions them). */
export abstract class ClinicalRecordColumns {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "bigint", insert: false, update: false })
  seq!: string;

  @Column("uuid", { name: "pet_id" })
  petId!: string;

  @Column("timestamptz", { name: "occurred_at" })
  occurredAt!: Date;

  /** The clinic that wrote the record; null for owners' home entries. */
  @Column("uuid", { name: "clinic_id", nullable: true })
  clinicId!: string | null;

  @Column("uuid", { name: "recorded_by" })
  recordedBy!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
