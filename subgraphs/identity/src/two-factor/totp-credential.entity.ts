import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";

/**
 * An account's authenticator: the TOTP secret (base32, stored as is: identity has no encryption key yet,
 * docs/decisions/0045), pending until a first code confirms it, and the last time step a code was
 * accepted for, so a code works once.
 */
@Entity({ name: "totp_credentials" })
export class TotpCredentialEntity {
  @PrimaryColumn("uuid", { name: "user_id" })
  userId!: string;

  @Column("text")
  secret!: string;

  /** When a code confirmed the enrolment: two-factor sign-in is on from then; null while pending. */
  @Column("timestamptz", { name: "confirmed_at", nullable: true })
  confirmedAt!: Date | null;

  /** The 30-second step of the last code accepted; codes of this step and earlier are refused (replay). */
  @Column("bigint", {
    name: "last_used_step",
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  lastUsedStep!: number | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
