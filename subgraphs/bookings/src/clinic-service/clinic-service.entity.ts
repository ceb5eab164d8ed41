import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/** Something a clinic offers to book: a consultation, a vaccination, a tele-vet call. */
@Entity({ name: "clinic_services" })
export class ClinicServiceEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { name: "clinic_id" })
  clinicId!: string;

  @Column("text")
  name!: string;

  @Column("int", { name: "duration_minutes" })
  durationMinutes!: number;

  @Column("int", { name: "price_cents" })
  priceCents!: number;

  @Column("text", { default: "EUR" })
  currency!: string;

  @Column("text", { array: true, default: () => "'{}'" })
  species!: string[];

  @Column("text")
  kind!: string;

  @Column("int", { name: "buffer_before_minutes", default: 0 })
  bufferBeforeMinutes!: number;

  @Column("int", { name: "buffer_after_minutes", default: 0 })
  bufferAfterMinutes!: number;

  @Column("boolean", { default: true })
  active!: boolean;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
