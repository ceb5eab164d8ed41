import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * A link sent to reset an account's password, stored as a SHA-256 hash of the token: a database
 * reader cannot reset anyone's password. Single use (`used_at`), short-lived, and spent when a newer
 * one is requested (`superseded_at`).
 */
@Entity({ name: "password_reset_tokens" })
export class PasswordResetTokenEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { name: "user_id" })
  userId!: string;

  /** The account's address when it was sent (where the mail went). */
  @Column("text")
  email!: string;

  @Index({ unique: true })
  @Column("text", { name: "token_hash" })
  tokenHash!: string;

  @Column("timestamptz", { name: "expires_at" })
  expiresAt!: Date;

  @Column("timestamptz", { name: "used_at", nullable: true })
  usedAt!: Date | null;

  /** When a newer request (or a reset with another link) made this one stop working. */
  @Column("timestamptz", { name: "superseded_at", nullable: true })
  supersededAt!: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
