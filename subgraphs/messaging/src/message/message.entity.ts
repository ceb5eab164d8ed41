import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/** One message, stored after moderation (secrets masked, abuse flagged for review). */
@Entity({ name: "messages" })
export class MessageEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "bigint", insert: false, update: false })
  seq!: string;

  @Column("uuid", { name: "conversation_id" })
  conversationId!: string;

  @Column("uuid", { name: "sender_id" })
  senderId!: string;

  @Column("text", { name: "sender_side" })
  senderSide!: "OWNER" | "CLINIC";

  @Column("text")
  body!: string;

  @Column("boolean", { default: false })
  masked!: boolean;

  @Column("text", { name: "flag_reasons", array: true, default: () => "'{}'" })
  flagReasons!: string[];

  @Column("text", { name: "review_status", nullable: true })
  reviewStatus!: "PENDING" | "CLEARED" | "REMOVED" | null;

  @Column("uuid", { name: "reviewed_by", nullable: true })
  reviewedBy!: string | null;

  @Column("timestamptz", { name: "edited_at", nullable: true })
  editedAt!: Date | null;

  @Column("timestamptz", { name: "deleted_at", nullable: true })
  deletedAt!: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
