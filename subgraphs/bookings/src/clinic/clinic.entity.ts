import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/** Opening hours as stored: ISO weekday and local "HH:mm" times. */
export interface OpeningHoursRow {
  weekday: number;
  opens: string;
  closes: string;
}

/** A clinic: where it is, when it opens, and its booking rules. */
@Entity({ name: "clinics" })
export class ClinicEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "bigint", insert: false, update: false })
  seq!: string;

  @Column("text")
  name!: string;

  @Column("text", { name: "address_line" })
  addressLine!: string;

  @Column("text")
  city!: string;

  @Column("text", { name: "postal_code", nullable: true })
  postalCode!: string | null;

  @Column("text")
  country!: string;

  @Column("double precision")
  latitude!: number;

  @Column("double precision")
  longitude!: number;

  @Column("text", { name: "time_zone" })
  timeZone!: string;

  @Column("text", { nullable: true })
  phone!: string | null;

  @Column("jsonb", { name: "opening_hours", default: () => "'[]'" })
  openingHours!: OpeningHoursRow[];

  @Column("text", { default: "PENDING" })
  status!: string;

  @Column("uuid", { name: "created_by" })
  createdBy!: string;

  @Column("timestamptz", { name: "approved_at", nullable: true })
  approvedAt!: Date | null;

  /** Why a platform admin rejected it (`reviewClinic`); null once approved. */
  @Column("text", { name: "status_reason", nullable: true })
  statusReason!: string | null;

  @Column("int", { name: "min_notice_minutes", default: 60 })
  minNoticeMinutes!: number;

  @Column("int", { name: "max_advance_days", default: 60 })
  maxAdvanceDays!: number;

  @Column("int", { name: "hold_seconds", default: 300 })
  holdSeconds!: number;

  @Column("int", { name: "cancel_cutoff_hours", default: 24 })
  cancelCutoffHours!: number;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
