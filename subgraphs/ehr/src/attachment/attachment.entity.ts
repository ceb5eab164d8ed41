import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/** A file attached to a pet's record (or to one entry of it), stored in object storage. */
@Entity({ name: "attachments" })
export class AttachmentEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { name: "pet_id" })
  petId!: string;

  @Column("text", { name: "record_kind", nullable: true })
  recordKind!: string | null;

  @Column("uuid", { name: "record_id", nullable: true })
  recordId!: string | null;

  @Column("text", { name: "file_name" })
  fileName!: string;

  @Column("text", { name: "content_type" })
  contentType!: string;

  @Column({ type: "bigint", name: "size_bytes", transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sizeBytes!: number;

  @Column("text", { name: "storage_key" })
  storageKey!: string;

  @Column("text", { default: "PENDING" })
  status!: string;

  @Column("uuid", { name: "uploaded_by" })
  uploadedBy!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @Column("timestamptz", { name: "uploaded_at", nullable: true })
  uploadedAt!: Date | null;
}
