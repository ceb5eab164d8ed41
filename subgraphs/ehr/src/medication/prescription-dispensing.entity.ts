import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/** A prescription dispensed by a shipped shop order line: written by the `order.shipped` consumer only. */
@Entity({ name: "prescription_dispensings" })
export class PrescriptionDispensingEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "bigint", insert: false, update: false })
  seq!: string;

  @Column("uuid", { name: "medication_id" })
  medicationId!: string;

  @Column("uuid", { name: "pet_id" })
  petId!: string;

  @Column("text", { name: "order_line_id" })
  orderLineId!: string;

  @Column("text", { name: "order_id" })
  orderId!: string;

  @Column("int")
  quantity!: number;

  @Column("timestamptz", { name: "dispensed_at" })
  dispensedAt!: Date;

  /** The prescription had no refills left when this was dispensed (orders checks before checkout). */
  @Column("boolean", { name: "refills_exhausted" })
  refillsExhausted!: boolean;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
