import { In, type DataSource, type EntityManager } from "typeorm";
import type { RoleName } from "@pawgraph/subgraph-kit";
import { ClinicMembershipEntity } from "./clinic-membership.entity";
import { UserEntity } from "./user.entity";

/** Users and their clinic memberships. */
export class UserRepository {
  constructor(private readonly db: DataSource) {}

  byIds(ids: readonly string[]): Promise<UserEntity[]> {
    return this.db.getRepository(UserEntity).findBy({ id: In([...ids]) });
  }

  byId(id: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).findOneBy({ id });
  }

  /** The account with this (normalized) address, or null. */
  byEmail(email: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).findOneBy({ email });
  }

  /** In the caller's transaction: a new owner account, or null (nothing written) when the address has one. */
  async insertIfNew(
    tx: EntityManager,
    user: { email: string; displayName: string; passwordHash: string },
  ): Promise<string | null> {
    const inserted: { id: string }[] = await tx.query(
      `INSERT INTO identity.users (email, display_name, password_hash, roles) VALUES ($1, $2, $3, '{OWNER}')
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [user.email, user.displayName, user.passwordHash],
    );
    return inserted[0]?.id ?? null;
  }

  async unlock(id: string): Promise<void> {
    await this.db.getRepository(UserEntity).update(id, { lockedAt: null, lockedReason: null });
  }

  /** Memberships of these users, oldest first. */
  membershipsOf(userIds: readonly string[]): Promise<ClinicMembershipEntity[]> {
    return this.db
      .getRepository(ClinicMembershipEntity)
      .find({ where: { userId: In([...userIds]) }, order: { createdAt: "ASC" } });
  }

  /** The users holding a role at the clinic, once each; only those holding one of `roles`, when given. */
  async staffOf(clinicId: string, roles?: readonly string[]): Promise<string[]> {
    const rows: { user_id: string }[] = await this.db.query(
      `SELECT DISTINCT user_id FROM identity.clinic_memberships WHERE clinic_id = $1 AND ($2::text[] IS NULL OR role = ANY($2)) ORDER BY user_id`,
      [clinicId, roles ?? null],
    );
    return rows.map((r) => r.user_id);
  }

  /** In the caller's transaction: gives the user the role unless they hold it; false when no such user. */
  async addRole(tx: EntityManager, userId: string, role: RoleName): Promise<boolean> {
    // Through a CTE: TypeORM answers a bare UPDATE with `[rows, count]`, an array of two even when no row matched.
    const updated: unknown[] = await tx.query(
      `WITH updated AS (
         UPDATE identity.users SET roles = CASE WHEN $2::text = ANY(roles) THEN roles ELSE array_append(roles, $2::text) END
         WHERE id = $1 RETURNING id
       )
       SELECT id FROM updated`,
      [userId, role],
    );
    return updated.length > 0;
  }

  /**
   * In the caller's transaction: the membership, unless the user already has it. SQL rather than the
   * query builder, because the `clinic.approved` consumer calls it on the event pool, which knows no entities.
   */
  async addMembership(
    tx: EntityManager,
    membership: { userId: string; clinicId: string; role: RoleName },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO identity.clinic_memberships (user_id, clinic_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [membership.userId, membership.clinicId, membership.role],
    );
  }
}
