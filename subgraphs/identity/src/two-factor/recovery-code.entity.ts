import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/** A single-use recovery code, stored as the SHA-256 of a high-entropy code: shown once, never readable again. */
@Entity({ name: "mfa_recovery_codes" })
export class RecoveryCodeEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { name: "user_id" })
  userId!: string;

  @Column("text", { name: "code_hash" })
  codeHash!: string;

  @Column("timestamptz", { name: "used_at", nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
