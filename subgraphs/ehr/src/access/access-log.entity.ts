import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** One read or write of a pet's record by someone other than its owners. */
@Entity({ name: "access_log" })
export class AccessLogEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "bigint", insert: false, update: false })
  seq!: string;

  @Column("uuid", { name: "pet_id" })
  petId!: string;

  @Column("uuid", { name: "viewer_id" })
  viewerId!: string;

  @Column("uuid", { name: "clinic_id", nullable: true })
  clinicId!: string | null;

  @Column("text")
  action!: string;

  @Column("text", { name: "request_id", nullable: true })
  requestId!: string | null;

  @Column("timestamptz", { default: () => "now()" })
  at!: Date;
}
