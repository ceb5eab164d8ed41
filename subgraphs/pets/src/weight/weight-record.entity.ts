import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/** One weighing of a pet. */
@Entity({ name: "weight_records" })
export class WeightRecordEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "bigint", insert: false, update: false })
  seq!: string;

  @Column("uuid", { name: "pet_id" })
  petId!: string;

  @Column("double precision", { name: "weight_kg" })
  weightKg!: number;

  @Column("timestamptz", { name: "measured_at" })
  measuredAt!: Date;

  @Column("uuid", { name: "recorded_by" })
  recordedBy!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
