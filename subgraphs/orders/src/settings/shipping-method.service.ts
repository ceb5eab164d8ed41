import { isUuid, NotFoundError, requireViewer, type BaseContext } from "@pawgraph/subgraph-kit";
import { requireVendorManager } from "./settings-access";
import type { SettingsAdminRepository } from "./settings-admin.repository";
import type { SettingsRepository, ShippingMethodRow } from "./settings.repository";
import { shippingMethodOf, shippingPatchOf } from "./settings.validation";

/**
 * A vendor's shipping methods, managed by its VENDOR_ADMINs and platform admins; the active ones
 * are public (carts offer them). Methods are deactivated, never deleted: carts and orders refer to them.
 */
export class ShippingMethodService {
  constructor(
    private readonly admin: SettingsAdminRepository,
    private readonly settings: SettingsRepository,
  ) {}

  async create(ctx: BaseContext, input: Parameters<typeof shippingMethodOf>[0]): Promise<ShippingMethodRow> {
    const viewer = requireViewer(ctx.viewer);
    requireVendorManager(viewer, input.vendorId, "input.vendorId");
    return this.admin.createShippingMethod(shippingMethodOf(input), viewer.userId);
  }

  async update(
    ctx: BaseContext,
    input: { id: string } & Parameters<typeof shippingPatchOf>[0],
  ): Promise<ShippingMethodRow> {
    const method = await this.managed(ctx, input.id, "input.id");
    return this.admin.updateShippingMethod(method.id, shippingPatchOf(input, method));
  }

  async deactivate(ctx: BaseContext, id: string): Promise<ShippingMethodRow> {
    const method = await this.managed(ctx, id, "id");
    return method.active ? this.admin.updateShippingMethod(method.id, { active: false }) : method;
  }

  /** The vendor's active methods, oldest first; an id that is no vendor's answers an empty list. */
  async active(vendorId: string): Promise<ShippingMethodRow[]> {
    return isUuid(vendorId) ? this.settings.shippingMethodsOf([vendorId.toLowerCase()]) : [];
  }

  private async managed(ctx: BaseContext, id: string, field: string): Promise<ShippingMethodRow> {
    requireViewer(ctx.viewer);
    const method = isUuid(id) ? await this.settings.shippingMethod(id.toLowerCase()) : null;
    if (!method) throw new NotFoundError("Shipping method", field);
    requireVendorManager(ctx.viewer, method.vendorId, field, "Shipping method");
    return method;
  }
}
