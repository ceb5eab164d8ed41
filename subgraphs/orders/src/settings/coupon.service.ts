import {
  ForbiddenError,
  isPlatformAdmin,
  isUuid,
  NotFoundError,
  requireViewer,
  type BaseContext,
} from "@pawgraph/subgraph-kit";
import { canManageVendor, requireVendorManager } from "./settings-access";
import type { SettingsAdminRepository } from "./settings-admin.repository";
import type { CouponRow, SettingsRepository } from "./settings.repository";
import { couponOf } from "./settings.validation";

export type CreateCouponAnswer = { coupon: CouponRow } | { takenCode: string };

/**
 * Coupons: platform admins create platform-wide ones and any vendor's; a vendor's VENDOR_ADMINs
 * create and see only their vendor's. Codes are unique on the platform; a taken code is an
 * expected outcome (CouponCodeTakenError), like catalog's taken vendor slug.
 */
export class CouponService {
  constructor(
    private readonly admin: SettingsAdminRepository,
    private readonly settings: SettingsRepository,
  ) {}

  async create(ctx: BaseContext, input: Parameters<typeof couponOf>[0]): Promise<CreateCouponAnswer> {
    const viewer = requireViewer(ctx.viewer);
    if (input.vendorId == null) {
      if (!isPlatformAdmin(viewer)) throw new ForbiddenError("Only platform admins create platform-wide coupons");
    } else requireVendorManager(viewer, input.vendorId, "input.vendorId");
    const coupon = couponOf(input, new Date());
    const created = await this.admin.createCoupon(coupon, viewer.userId);
    return created ? { coupon: created } : { takenCode: coupon.code };
  }

  async deactivate(ctx: BaseContext, id: string): Promise<CouponRow> {
    requireViewer(ctx.viewer);
    const [coupon] = isUuid(id) ? await this.settings.coupons([id.toLowerCase()]) : [];
    if (!coupon) throw new NotFoundError("Coupon", "id");
    if (coupon.vendorId === null) {
      if (!isPlatformAdmin(ctx.viewer)) throw new NotFoundError("Coupon", "id");
    } else requireVendorManager(ctx.viewer, coupon.vendorId, "id", "Coupon");
    return coupon.active ? this.admin.deactivateCoupon(coupon.id) : coupon;
  }

  /**
   * Platform admins: every coupon, or one vendor's. Others: the coupons of the vendors they are
   * VENDOR_ADMIN of (or of `vendorId`, which must be one of them).
   */
  async list(ctx: BaseContext, vendorId: string | null): Promise<CouponRow[]> {
    const viewer = requireViewer(ctx.viewer);
    if (vendorId !== null) return this.admin.coupons([requireVendorManager(viewer, vendorId, "vendorId")]);
    if (isPlatformAdmin(viewer)) return this.admin.coupons(null);
    const mine = viewer.vendorMemberships.map((m) => m.vendorId).filter((id) => canManageVendor(viewer, id));
    return mine.length === 0 ? [] : this.admin.coupons(mine.map((id) => id.toLowerCase()));
  }
}
