import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * Failed sign-ins per email address, whether or not an account exists, so lockout cannot be used
 * to discover which emails are registered.
 */
@Entity({ name: "login_throttle" })
export class LoginThrottleEntity {
  @PrimaryColumn("text")
  email!: string;

  @Column("int", { name: "failed_count", default: 0 })
  failedCount!: number;

  @Column("timestamptz", { name: "locked_until", nullable: true })
  lockedUntil!: Date | null;
}
