import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/** One image of a product, in display order, with the renditions made once its upload completed. */
@Entity({ name: "product_images" })
export class ProductImageEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { name: "product_id" })
  productId!: string;

  @Column("integer")
  position!: number;

  @Column("text", { name: "file_key" })
  fileKey!: string;

  @Column("text", { name: "content_type" })
  contentType!: string;

  @Column("integer", { name: "byte_size" })
  byteSize!: number;

  @Column("text")
  alt!: string;

  @Column("integer", { nullable: true })
  width!: number | null;

  @Column("integer", { nullable: true })
  height!: number | null;

  @Column("text", { name: "thumbnail_key", nullable: true })
  thumbnailKey!: string | null;

  @Column("text", { name: "medium_key", nullable: true })
  mediumKey!: string | null;

  @Column("text")
  status!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
