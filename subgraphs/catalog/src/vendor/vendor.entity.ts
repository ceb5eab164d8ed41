import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** A shop on the marketplace: a clinic's shop or an independent vendor, and where it is in review. */
@Entity({ name: "vendors" })
export class VendorEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "bigint", insert: false, update: false })
  seq!: string;

  @Column("text")
  name!: string;

  @Column("text")
  slug!: string;

  @Column("text")
  description!: string;

  @Column("text", { name: "logo_key", nullable: true })
  logoKey!: string | null;

  @Column("text", { name: "contact_email" })
  contactEmail!: string;

  @Column("text", { name: "contact_phone", nullable: true })
  contactPhone!: string | null;

  @Column("text", { name: "address_line" })
  addressLine!: string;

  @Column("text")
  city!: string;

  @Column("text", { name: "postal_code", nullable: true })
  postalCode!: string | null;

  @Column("text")
  country!: string;

  @Column("text")
  currency!: string;

  @Column("text")
  status!: string;

  /** Commission in basis points (1/100 of a percent) when it differs from the platform's. */
  @Column("integer", { name: "commission_bps", nullable: true })
  commissionBps!: number | null;

  @Column("uuid", { name: "clinic_id", nullable: true })
  clinicId!: string | null;

  @Column("text", { name: "business_registration", nullable: true })
  businessRegistration!: string | null;

  @Column("text", { name: "document_keys", array: true })
  documentKeys!: string[];

  @Column("uuid", { name: "applied_by" })
  appliedBy!: string;

  @Column("uuid", { name: "reviewed_by", nullable: true })
  reviewedBy!: string | null;

  @Column("timestamptz", { name: "reviewed_at", nullable: true })
  reviewedAt!: Date | null;

  /** Why it was rejected or suspended. */
  @Column("text", { name: "status_reason", nullable: true })
  statusReason!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
