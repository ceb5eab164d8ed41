import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * One refresh token, stored as a SHA-256 hash. Tokens of one sign-in share a family; each use
 * rotates the token, and presenting a rotated one revokes the family.
 */
@Entity({ name: "refresh_tokens" })
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Index()
  @Column("uuid", { name: "family_id" })
  familyId!: string;

  @Column("uuid", { name: "user_id" })
  userId!: string;

  @Index({ unique: true })
  @Column("text", { name: "token_hash" })
  tokenHash!: string;

  @Column("timestamptz", { name: "expires_at" })
  expiresAt!: Date;

  @Column("timestamptz", { name: "rotated_at", nullable: true })
  rotatedAt!: Date | null;

  @Column("timestamptz", { name: "revoked_at", nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
