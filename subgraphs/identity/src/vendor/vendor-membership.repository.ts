import type { DataSource, EntityManager } from "typeorm";
import { VENDOR_ROLES, type VendorRoleName } from "@pawgraph/subgraph-kit";
import { VendorMembershipEntity } from "./vendor-membership.entity";

/**
 * Vendor memberships, and the vendor roles in `users.roles` that mirror them. SQL rather than the
 * query builder where the event consumers call it: their pool knows no entities. Writes that return
 * rows go through a CTE: TypeORM answers a bare UPDATE or DELETE with `[rows, count]`.
 */
export class VendorMembershipRepository {
  constructor(private readonly db: DataSource) {}

  /** Memberships of these users, oldest first (for `User.vendorMemberships`). */
  membershipsOf(userIds: readonly string[]): Promise<VendorMembershipEntity[]> {
    return this.db
      .getRepository(VendorMembershipEntity)
      .createQueryBuilder("m")
      .where("m.user_id = ANY(:userIds)", { userIds: [...userIds] })
      .orderBy("m.created_at", "ASC")
      .getMany();
  }

  /** The users holding a role at the vendor, once each; only those holding one of `roles`, when given. */
  async staffOf(vendorId: string, roles?: readonly string[]): Promise<string[]> {
    const rows: { user_id: string }[] = await this.db.query(
      `SELECT DISTINCT user_id FROM identity.vendor_memberships WHERE vendor_id = $1 AND ($2::text[] IS NULL OR role = ANY($2)) ORDER BY user_id`,
      [vendorId, roles ?? null],
    );
    return rows.map((r) => r.user_id);
  }

  /**
   * In the caller's transaction: the vendor's memberships, locked until it ends, so that two admins
   * changing the staff at once see each other's change (the last admin stays).
   */
  async lockVendor(tx: EntityManager, vendorId: string): Promise<{ userId: string; role: VendorRoleName }[]> {
    const rows: { user_id: string; role: VendorRoleName }[] = await tx.query(
      `SELECT user_id, role FROM identity.vendor_memberships WHERE vendor_id = $1 ORDER BY user_id, role FOR UPDATE`,
      [vendorId],
    );
    return rows.map((r) => ({ userId: r.user_id, role: r.role }));
  }

  /** In the caller's transaction: the user's only role at the vendor becomes `role`; the roles they held there before. */
  async setRole(
    tx: EntityManager,
    membership: { userId: string; vendorId: string; role: VendorRoleName },
  ): Promise<VendorRoleName[]> {
    const removed = await this.remove(tx, membership.userId, membership.vendorId, membership.role);
    await this.add(tx, membership);
    return removed;
  }

  /** In the caller's transaction: the membership, unless the user already has it. */
  async add(tx: EntityManager, membership: { userId: string; vendorId: string; role: VendorRoleName }): Promise<void> {
    await tx.query(
      `INSERT INTO identity.vendor_memberships (user_id, vendor_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [membership.userId, membership.vendorId, membership.role],
    );
  }

  /** In the caller's transaction: the user's roles at the vendor (except `keep`) are removed; the roles removed. */
  async remove(tx: EntityManager, userId: string, vendorId: string, keep?: VendorRoleName): Promise<VendorRoleName[]> {
    const rows: { role: VendorRoleName }[] = await tx.query(
      `WITH removed AS (
         DELETE FROM identity.vendor_memberships WHERE user_id = $1 AND vendor_id = $2 AND ($3::text IS NULL OR role <> $3) RETURNING role
       )
       SELECT role FROM removed`,
      [userId, vendorId, keep ?? null],
    );
    return rows.map((r) => r.role);
  }

  /** In the caller's transaction: locks the rows of the users holding a role at the vendor. */
  async lockHolders(tx: EntityManager, vendorId: string): Promise<void> {
    await tx.query(
      `SELECT id FROM identity.users WHERE id IN (SELECT user_id FROM identity.vendor_memberships WHERE vendor_id = $1) ORDER BY id FOR UPDATE`,
      [vendorId],
    );
  }

  /** In the caller's transaction: every membership at the vendor is removed; the users who held one, once each. */
  async removeVendor(tx: EntityManager, vendorId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await tx.query(
      `WITH removed AS (DELETE FROM identity.vendor_memberships WHERE vendor_id = $1 RETURNING user_id)
       SELECT user_id FROM removed`,
      [vendorId],
    );
    return [...new Set(rows.map((r) => r.user_id))].sort();
  }

  /**
   * In the caller's transaction: the vendor roles in the user's `roles` become exactly those of their
   * vendor memberships (a role goes when its last membership goes). Whether the roles changed.
   */
  async syncRoles(tx: EntityManager, userId: string): Promise<boolean> {
    const rows: { changed: boolean }[] = await tx.query(
      `WITH next AS (
         SELECT u.id, u.roles AS before,
                ARRAY(SELECT r FROM unnest(u.roles) AS r WHERE r <> ALL($2::text[]))
                || ARRAY(SELECT DISTINCT m.role FROM identity.vendor_memberships m WHERE m.user_id = u.id ORDER BY m.role) AS after
         FROM identity.users u WHERE u.id = $1
       )
       , updated AS (
         UPDATE identity.users u SET roles = next.after FROM next WHERE u.id = next.id
         RETURNING NOT (next.before @> next.after AND next.after @> next.before) AS changed
       )
       SELECT changed FROM updated`,
      [userId, VENDOR_ROLES],
    );
    return rows[0]?.changed ?? false;
  }
}
