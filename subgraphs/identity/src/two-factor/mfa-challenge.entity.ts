import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/**
 * What `login` answers instead of a session when two-factor sign-in is on: proof that the password was
 * right, stored as a SHA-256 hash, single use, short-lived, and dead after a few wrong codes.
 */
@Entity({ name: "mfa_challenges" })
export class MfaChallengeEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { name: "user_id" })
  userId!: string;

  @Column("text", { name: "challenge_hash" })
  challengeHash!: string;

  @Column("timestamptz", { name: "expires_at" })
  expiresAt!: Date;

  @Column("timestamptz", { name: "used_at", nullable: true })
  usedAt!: Date | null;

  @Column("int", { name: "failed_attempts", default: 0 })
  failedAttempts!: number;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
