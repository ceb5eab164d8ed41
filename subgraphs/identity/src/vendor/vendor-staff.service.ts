import type { DataSource } from "typeorm";
import {
  ForbiddenError,
  NotFoundError,
  isVendorMember,
  parseId,
  requireViewer,
  type BaseContext,
  type VendorRoleName,
} from "@pawgraph/subgraph-kit";
import type { RevocationService } from "../revocation/revocation.service";
import { normalizeEmail } from "../session/session.service";
import { UserEntity } from "../user/user.entity";
import type { UserRepository } from "../user/user.repository";
import type { VendorMembershipRepository } from "./vendor-membership.repository";
import type { AddVendorStaffInput, RemoveVendorStaffInput } from "./vendor-staff.inputs";
import { LastVendorAdminError, NoVerifiedAccountError } from "./vendor-staff.errors";

/** What `addVendorStaff` gives: the person (a user row) and their role at the vendor. */
export interface VendorStaffGrant {
  vendorId: string;
  user: UserEntity;
  role: VendorRoleName;
}

/**
 * Who works at a vendor: a vendor's admins add people by the email of their verified account, change
 * their role and remove them. A change that takes a role away ends the person's access tokens within
 * seconds, as `revokeRole` does; a role given arrives with their next token.
 */
export class VendorStaffService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UserRepository,
    private readonly vendors: VendorMembershipRepository,
    private readonly revocations: RevocationService,
  ) {}

  /** The users holding a role at the vendor, once each; only those holding one of `roles`, when given. */
  staffOf(vendorId: string, roles?: readonly string[]): Promise<string[]> {
    return this.vendors.staffOf(vendorId, roles);
  }

  /**
   * Gives the account with this email `role` at the vendor (replacing the role it held there). Only an
   * account with a verified address qualifies, and an unknown address answers exactly like an unverified
   * one, so a vendor admin learns no more than whether a verified account exists for the address.
   */
  async addStaff(
    ctx: BaseContext,
    input: AddVendorStaffInput,
  ): Promise<VendorStaffGrant | NoVerifiedAccountError | LastVendorAdminError> {
    const vendorId = this.requireVendorAdmin(ctx, input.vendorId);
    const role = input.role as VendorRoleName;
    const found = await this.users.byEmail(normalizeEmail(input.email));
    if (!found || !found.emailVerifiedAt || found.lockedAt) return new NoVerifiedAccountError();
    const outcome = await this.db.transaction(async (tx) => {
      // Lock order (revocation.service.ts): the user row first, then the vendor's memberships.
      const user = await tx
        .getRepository(UserEntity)
        .findOne({ where: { id: found.id }, lock: { mode: "pessimistic_write" } });
      if (!user) return new NoVerifiedAccountError();
      const staff = await this.vendors.lockVendor(tx, vendorId);
      this.requireStillAdmin(ctx, staff);
      if (role !== "VENDOR_ADMIN" && isOnlyAdmin(staff, user.id)) return new LastVendorAdminError();
      const removed = await this.vendors.setRole(tx, { userId: user.id, vendorId, role });
      await this.vendors.syncRoles(tx, user.id);
      // A demotion takes VENDOR_ADMIN away: the tokens that carry it stop.
      const demoted = removed.length > 0;
      if (demoted) user.sessionVersion = await this.revocations.revokeAccessTokens(tx, user.id);
      const current = await tx.getRepository(UserEntity).findOneByOrFail({ id: user.id });
      return { grant: { vendorId, user: current, role }, demoted };
    });
    if (outcome instanceof NoVerifiedAccountError || outcome instanceof LastVendorAdminError) return outcome;
    if (outcome.demoted) await this.revocations.published();
    return outcome.grant;
  }

  /** Takes every role the user holds at the vendor away; their access tokens stop within seconds. */
  async removeStaff(
    ctx: BaseContext,
    input: RemoveVendorStaffInput,
  ): Promise<{ vendorId: string; userId: string } | LastVendorAdminError> {
    const vendorId = this.requireVendorAdmin(ctx, input.vendorId);
    const userId = parseId(input.userId, "input.userId");
    const outcome = await this.db.transaction(async (tx) => {
      const user = await tx
        .getRepository(UserEntity)
        .findOne({ where: { id: userId }, lock: { mode: "pessimistic_write" } });
      const staff = await this.vendors.lockVendor(tx, vendorId);
      this.requireStillAdmin(ctx, staff);
      // Someone who does not work here is not the caller's to know about.
      if (!user || !staff.some((m) => m.userId === userId))
        throw new NotFoundError("Vendor staff member", "input.userId");
      if (isOnlyAdmin(staff, userId)) return new LastVendorAdminError();
      await this.vendors.remove(tx, userId, vendorId);
      await this.vendors.syncRoles(tx, userId);
      await this.revocations.revokeAccessTokens(tx, userId);
      return { vendorId, userId };
    });
    if (outcome instanceof LastVendorAdminError) return outcome;
    await this.revocations.published();
    return outcome;
  }

  /** The token must say the caller is VENDOR_ADMIN at this vendor. */
  private requireVendorAdmin(ctx: BaseContext, rawVendorId: string): string {
    const viewer = requireViewer(ctx.viewer);
    const vendorId = parseId(rawVendorId, "input.vendorId");
    if (!isVendorMember(viewer, vendorId, ["VENDOR_ADMIN"]))
      throw new ForbiddenError("Only an admin of this vendor can change who works there");
    return vendorId;
  }

  /** And the memberships, read under lock, must still say so: a token issued before a removal or a suspension can be seconds from revoked. */
  private requireStillAdmin(ctx: BaseContext, staff: { userId: string; role: VendorRoleName }[]): void {
    const callerId = requireViewer(ctx.viewer).userId;
    if (!staff.some((m) => m.userId === callerId && m.role === "VENDOR_ADMIN"))
      throw new ForbiddenError("Only an admin of this vendor can change who works there");
  }
}

/** Whether `userId` is the vendor's one admin (removing or demoting them would leave it without any). */
function isOnlyAdmin(staff: { userId: string; role: VendorRoleName }[], userId: string): boolean {
  const admins = staff.filter((m) => m.role === "VENDOR_ADMIN").map((m) => m.userId);
  return admins.length === 1 && admins[0] === userId;
}
