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

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
