import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";

/**
 * A third-party developer's API key (docs/decisions/0046), stored as a SHA-256 hash of the key: the
 * key is 32 random bytes, so a fast hash is as good as a slow one, and a database reader cannot use
 * it. `prefix` (the first characters after `pk_`) lets the owner tell their keys apart.
 */
@Entity({ name: "api_keys" })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Index()
  @Column("uuid", { name: "user_id" })
  userId!: string;

  @Column("text")
  name!: string;

  @Column("text")
  prefix!: string;

  @Index({ unique: true })
  @Column("text", { name: "key_hash" })
  keyHash!: string;

  @Column("text", { array: true })
  scopes!: string[];

  @Column("timestamptz", { name: "expires_at", nullable: true })
  expiresAt!: Date | null;

  @Column("timestamptz", { name: "revoked_at", nullable: true })
  revokedAt!: Date | null;

  /** The last day (UTC) the gateway reported a request with it. */
  @Column("date", { name: "last_used_on", nullable: true })
  lastUsedOn!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}

/** Requests made with one key on one day (UTC), as the gateway reports them in batches. */
@Entity({ name: "api_key_usage" })
export class ApiKeyUsageEntity {
  @PrimaryColumn("uuid", { name: "key_id" })
  keyId!: string;

  @PrimaryColumn("date")
  day!: string;

  @Column("uuid", { name: "user_id" })
  userId!: string;

  @Column("bigint")
  requests!: string;
}
