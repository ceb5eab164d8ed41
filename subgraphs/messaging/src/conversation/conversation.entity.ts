import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/** A conversation between one owner and one clinic, optionally about a pet or a booking. */
@Entity({ name: "conversations" })
export class ConversationEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "bigint", insert: false, update: false })
  seq!: string;

  @Column("uuid", { name: "owner_id" })
  ownerId!: string;

  @Column("uuid", { name: "clinic_id" })
  clinicId!: string;

  @Column("uuid", { name: "pet_id", nullable: true })
  petId!: string | null;

  @Column("uuid", { name: "booking_id", nullable: true })
  bookingId!: string | null;

  @Column("text")
  subject!: string;

  @Column({ type: "bigint", name: "last_message_seq", default: 0 })
  lastMessageSeq!: string;

  @Column("timestamptz", { name: "last_message_at" })
  lastMessageAt!: Date;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
