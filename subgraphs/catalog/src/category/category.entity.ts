import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** A node of the product category tree; `path` is the slugs from the root, joined by "/". */
@Entity({ name: "categories" })
export class CategoryEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { name: "parent_id", nullable: true })
  parentId!: string | null;

  @Column("text")
  slug!: string;

  @Column("text")
  name!: string;

  @Column("text")
  path!: string;

  @Column("integer")
  position!: number;
}
