import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { RoleName } from "@pawgraph/subgraph-kit";

/** An account: sign-in credentials, display name and platform roles. */
@Entity({ name: "users" })
export class UserEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Index({ unique: true })
  @Column("text")
  email!: string;

  @Column("text", { name: "display_name" })
  displayName!: string;

  @Column("text", { name: "password_hash" })
  passwordHash!: string;

  @Column("text", { array: true, default: () => "'{OWNER}'" })
  roles!: RoleName[];

  /** When the account proved it receives mail at `email` (verifyEmail); null until then. */
  @Column("timestamptz", { name: "email_verified_at", nullable: true })
  emailVerifiedAt!: Date | null;

  /** When the owner was last told that someone tried to register with this address (rate limit). */
  @Column("timestamptz", { name: "registration_notice_at", nullable: true })
  registrationNoticeAt!: Date | null;

  /** Access tokens carry it as `ver`; raising it revokes every token issued before (docs/decisions/0014-revocation.md). */
  @Column("int", { name: "session_version", default: 0 })
  sessionVersion!: number;

  /** Set by a platform admin: the account cannot sign in or refresh until unlocked. */
  @Column("timestamptz", { name: "locked_at", nullable: true })
  lockedAt!: Date | null;

  @Column("text", { name: "locked_reason", nullable: true })
  lockedReason!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
