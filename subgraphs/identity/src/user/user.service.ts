import type { DataSource } from "typeorm";
import {
  BadUserInputError,
  NotFoundError,
  isPlatformAdmin,
  parseId,
  requireViewer,
  type BaseContext,
  type RoleName,
  VENDOR_ROLES,
} from "@pawgraph/subgraph-kit";
import type { ClinicRegistry } from "../clinic/clinic-registry";
import type { RevocationService } from "../revocation/revocation.service";
import { ClinicMembershipEntity } from "./clinic-membership.entity";
import { VendorMembershipEntity } from "../vendor/vendor-membership.entity";
import { UserEntity } from "./user.entity";
import type { UserRepository } from "./user.repository";
import type { GrantRoleInput, LockAccountInput, RevokeRoleInput, UnlockAccountInput } from "./user.inputs";

const CLINIC_ROLES: RoleName[] = ["VET", "CLINIC_STAFF", "CLINIC_ADMIN"];

/** Reads users and manages their roles and locks. */
export class UserService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UserRepository,
    private readonly revocations: RevocationService,
    private readonly clinics: ClinicRegistry,
  ) {}

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return this.users.byIds(ids);
  }

  /** The users holding a role at the clinic (vets, staff, admins), once each; only those holding one of `roles`, when given. */
  staffOf(clinicId: string, roles?: readonly string[]): Promise<string[]> {
    return this.users.staffOf(clinicId, roles);
  }

  /** Email is private: only its owner and platform admins see it. */
  canSeeEmail(ctx: BaseContext & { sessionUserId?: string }, user: UserEntity): boolean {
    const self = ctx.viewer?.userId ?? ctx.sessionUserId;
    return self === user.id || isPlatformAdmin(ctx.viewer);
  }

  /** A clinic role is given only at a clinic bookings knows (pending or approved): asked before anything is written. */
  async grantRole(ctx: BaseContext, input: GrantRoleInput): Promise<UserEntity> {
    const { userId, clinicId, role } = this.checkRoleInput(input, true);
    if (isVendorRole(role))
      throw new BadUserInputError(
        "input.role",
        `${role} is a vendor role: it comes with a vendor's approval, and from the vendor's admins (addVendorStaff)`,
      );
    if (clinicId) await this.clinics.requireOpenForStaff(ctx, clinicId, "input.clinicId");
    return this.db.transaction(async (tx) => {
      const user = await tx
        .getRepository(UserEntity)
        .findOne({ where: { id: userId }, lock: { mode: "pessimistic_write" } });
      if (!user) throw new NotFoundError("User", "input.userId");
      if (clinicId) await this.users.addMembership(tx, { userId, clinicId, role });
      if (!user.roles.includes(role)) {
        user.roles = [...user.roles, role];
        await tx.getRepository(UserEntity).update(user.id, { roles: user.roles });
      }
      return user;
    });
  }

  /** Takes a role away; the user's access tokens that carry it stop within seconds (their next refresh carries what is left). */
  async revokeRole(_ctx: BaseContext, input: RevokeRoleInput): Promise<UserEntity> {
    const { userId, clinicId, role } = this.checkRoleInput(input, false);
    const user = await this.db.transaction(async (tx) => {
      const user = await tx
        .getRepository(UserEntity)
        .findOne({ where: { id: userId }, lock: { mode: "pessimistic_write" } });
      if (!user) throw new NotFoundError("User", "input.userId");
      const memberships = tx.getRepository(ClinicMembershipEntity);
      // A clinic membership taken away changes the token's `clinics` even when the role stays.
      let changed = clinicId ? ((await memberships.delete({ userId, clinicId, role })).affected ?? 0) > 0 : false;
      const stillAtAClinic = clinicId ? await memberships.existsBy({ userId, role }) : false;
      if (!stillAtAClinic) {
        if (!clinicId) await memberships.delete({ userId, role });
        // A vendor role goes with every membership that carries it (at any vendor).
        if (isVendorRole(role))
          changed ||= ((await tx.getRepository(VendorMembershipEntity).delete({ userId, role })).affected ?? 0) > 0;
        changed ||= user.roles.includes(role);
        user.roles = user.roles.filter((r) => r !== role);
        await tx.getRepository(UserEntity).update(user.id, { roles: user.roles });
      }
      if (changed) await this.revocations.revokeAccessTokens(tx, user.id);
      return { user, changed };
    });
    if (user.changed) await this.revocations.published();
    return user.user;
  }

  /** A platform admin locks an account: it cannot sign in or refresh, and every session and access token ends within seconds. */
  async lockAccount(ctx: BaseContext, input: LockAccountInput): Promise<UserEntity> {
    const userId = parseId(input.userId, "input.userId");
    if (userId === requireViewer(ctx.viewer).userId)
      throw new BadUserInputError("input.userId", "You cannot lock your own account");
    const reason = input.reason.trim();
    if (!reason) throw new BadUserInputError("input.reason", "Give the reason for the lock");
    const user = await this.db.transaction(async (tx) => {
      const found = await tx
        .getRepository(UserEntity)
        .findOne({ where: { id: userId }, lock: { mode: "pessimistic_write" } });
      if (!found) throw new NotFoundError("User", "input.userId");
      Object.assign(found, { lockedAt: found.lockedAt ?? new Date(), lockedReason: reason });
      await tx.getRepository(UserEntity).update(found.id, { lockedAt: found.lockedAt, lockedReason: reason });
      found.sessionVersion = await this.revocations.revokeUser(tx, found.id);
      return found;
    });
    await this.revocations.published();
    return user;
  }

  /** Lets a locked account sign in again; its ended sessions stay ended. */
  async unlockAccount(_ctx: BaseContext, input: UnlockAccountInput): Promise<UserEntity> {
    const userId = parseId(input.userId, "input.userId");
    const user = await this.users.byId(userId);
    if (!user) throw new NotFoundError("User", "input.userId");
    await this.users.unlock(userId);
    return Object.assign(user, { lockedAt: null, lockedReason: null });
  }

  private checkRoleInput(
    input: GrantRoleInput | RevokeRoleInput,
    clinicRequired: boolean,
  ): { userId: string; clinicId: string | null; role: RoleName } {
    const userId = parseId(input.userId, "input.userId");
    const clinicId = input.clinicId ? parseId(input.clinicId, "input.clinicId") : null;
    const role = input.role as RoleName;
    if (CLINIC_ROLES.includes(role) && !clinicId && clinicRequired) {
      throw new BadUserInputError("input.clinicId", `${role} is a clinic role: give the clinic it applies to`);
    }
    if (!CLINIC_ROLES.includes(role) && clinicId) {
      throw new BadUserInputError("input.clinicId", `${role} is not a clinic role`);
    }
    return { userId, clinicId, role };
  }
}

function isVendorRole(role: RoleName): boolean {
  return (VENDOR_ROLES as readonly RoleName[]).includes(role);
}
