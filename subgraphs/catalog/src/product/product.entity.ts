import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** A product a vendor sells; what is bought is one of its variants. */
@Entity({ name: "products" })
export class ProductEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "bigint", insert: false, update: false })
  seq!: string;

  @Column("uuid", { name: "vendor_id" })
  vendorId!: string;

  @Column("text")
  title!: string;

  @Column("text")
  slug!: string;

  @Column("text")
  description!: string;

  @Column("text", { nullable: true })
  brand!: string | null;

  @Column("uuid", { name: "category_id" })
  categoryId!: string;

  @Column("text", { array: true })
  species!: string[];

  @Column("text", { name: "life_stages", array: true })
  lifeStages!: string[];

  @Column("text")
  status!: string;

  @Column("boolean", { name: "prescription_only" })
  prescriptionOnly!: boolean;

  @Column("text", { name: "medication_codes", array: true })
  medicationCodes!: string[];

  @Column("text", { name: "unpublished_reason", nullable: true })
  unpublishedReason!: string | null;

  @Column("uuid", { name: "unpublished_by", nullable: true })
  unpublishedBy!: string | null;

  @Column("integer", { name: "rating_count" })
  ratingCount!: number;

  @Column("integer", { name: "rating_sum" })
  ratingSum!: number;

  @Column("uuid", { name: "created_by" })
  createdBy!: string;

  @Column("timestamptz", { name: "published_at", nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
