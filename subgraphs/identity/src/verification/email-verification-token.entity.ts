import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * A link sent to prove that an account receives mail at `email`, stored as a SHA-256 hash of the
 * token: a database reader cannot verify anyone's address. Single use (`used_at`), expiring.
 */
@Entity({ name: "email_verification_tokens" })
export class EmailVerificationTokenEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { name: "user_id" })
  userId!: string;

  /** The address the token proves (the account's address when it was sent). */
  @Column("text")
  email!: string;

  @Index({ unique: true })
  @Column("text", { name: "token_hash" })
  tokenHash!: string;

  @Column("timestamptz", { name: "expires_at" })
  expiresAt!: Date;

  @Column("timestamptz", { name: "used_at", nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
