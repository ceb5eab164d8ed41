import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** One option of a product as stored: e.g. { name: "Size", value: "2 kg" }. */
export interface VariantOptionRow {
  name: string;
  value: string;
}

/** A purchasable variant of a product: its SKU, price and shipping facts. */
@Entity({ name: "variants" })
export class VariantEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "bigint", insert: false, update: false })
  seq!: string;

  @Column("uuid", { name: "product_id" })
  productId!: string;

  @Column("uuid", { name: "vendor_id" })
  vendorId!: string;

  @Column("text")
  sku!: string;

  @Column("text")
  title!: string;

  @Column("jsonb")
  options!: VariantOptionRow[];

  @Column("text", { nullable: true })
  gtin!: string | null;

  /** Minor units (cents); bigint comes back from pg as a string. */
  @Column("bigint", { name: "price_minor" })
  priceMinor!: string;

  @Column("text")
  currency!: string;

  @Column("bigint", { name: "compare_at_minor", nullable: true })
  compareAtMinor!: string | null;

  @Column("integer", { name: "weight_grams", nullable: true })
  weightGrams!: number | null;

  @Column("integer", { name: "length_mm", nullable: true })
  lengthMm!: number | null;

  @Column("integer", { name: "width_mm", nullable: true })
  widthMm!: number | null;

  @Column("integer", { name: "height_mm", nullable: true })
  heightMm!: number | null;

  @Column("text", { name: "tax_category" })
  taxCategory!: string;

  @Column("boolean")
  active!: boolean;

  @Column("integer", { name: "out_of_stock_threshold" })
  outOfStockThreshold!: number;

  @Column("integer")
  position!: number;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
