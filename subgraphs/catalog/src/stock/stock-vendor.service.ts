import {
  BadUserInputError,
  ForbiddenError,
  isUuid,
  isVendorMember,
  NotFoundError,
  requireViewer,
  type BaseContext,
} from "@pawgraph/subgraph-kit";
import { canSeeVendor } from "../access/catalog-access";
import { announceLowStock, availableByLevel, levelKey } from "./low-stock";
import type { LevelView, LocationRow, StockRepository } from "./stock.repository";

const MAX_UNITS = 1_000_000;

/**
 * What a vendor's people do with stock: create locations, adjust on-hand units (an ADJUSTMENT
 * movement each time) and set low-stock levels. Only the vendor's own members (token memberships)
 * may. Anyone else gets NOT_FOUND for variants and locations, as for ids that do not exist (another
 * vendor's variant, even of a public product, is not revealed); for a vendor id, FORBIDDEN when they
 * may know the vendor exists (approved vendors are public), NOT_FOUND otherwise, as for products.
 * Errors name the input field (`input.variantId`).
 */
export class StockVendorService {
  constructor(private readonly stock: StockRepository) {}

  async createLocation(
    ctx: BaseContext,
    input: { vendorId: string; name: string; country: string },
  ): Promise<LocationRow> {
    requireViewer(ctx.viewer);
    const vendor = isUuid(input.vendorId) ? await this.stock.vendor(input.vendorId.toLowerCase()) : null;
    if (!vendor) throw new NotFoundError("Vendor", "input.vendorId");
    if (!isVendorMember(ctx.viewer, vendor.id)) {
      if (canSeeVendor(ctx.viewer, vendor)) throw new ForbiddenError("Only the vendor's own people manage its stock");
      throw new NotFoundError("Vendor", "input.vendorId");
    }
    const name = input.name.trim();
    if (name.length < 1 || name.length > 80) throw new BadUserInputError("input.name", "must be 1 to 80 characters");
    if (!/^[A-Z]{2}$/.test(input.country))
      throw new BadUserInputError("input.country", "must be an ISO 3166-1 alpha-2 code, e.g. DE");
    const location = await this.stock.insertLocation(vendor.id, name, input.country);
    if (!location) throw new BadUserInputError("input.name", "this vendor already has a stock location with that name");
    return location;
  }

  async adjust(
    ctx: BaseContext,
    input: { variantId: string; locationId: string; delta?: number | null; setOnHand?: number | null; reason: string },
  ): Promise<LevelView> {
    const viewer = requireViewer(ctx.viewer);
    const { variantId, location } = await this.ownLevel(ctx, input);
    const hasDelta = input.delta !== null && input.delta !== undefined;
    const hasSet = input.setOnHand !== null && input.setOnHand !== undefined;
    if (hasDelta === hasSet) throw new BadUserInputError("input.delta", "give either delta or setOnHand");
    if (hasDelta && (input.delta === 0 || Math.abs(input.delta!) > MAX_UNITS))
      throw new BadUserInputError(
        "input.delta",
        `must be a non-zero whole number of at most ${MAX_UNITS} units either way`,
      );
    if (hasSet && (input.setOnHand! < 0 || input.setOnHand! > MAX_UNITS))
      throw new BadUserInputError("input.setOnHand", `must be from 0 to ${MAX_UNITS}`);
    const reason = input.reason.trim();
    if (reason.length < 1 || reason.length > 500)
      throw new BadUserInputError("input.reason", "must be 1 to 500 characters");
    await this.stock.transaction(async (tx) => {
      const level = await this.stock.lockLevel(tx, variantId, location.id);
      const held = await this.stock.held(tx, [variantId]);
      const reserved = held.filter((h) => levelKey(h) === levelKey(level)).reduce((sum, h) => sum + h.quantity, 0);
      const onHand = hasSet ? input.setOnHand! : level.onHand + input.delta!;
      // Allocated units belong to paid orders and reserved ones to carts at checkout: both are promised.
      const floor = level.allocated + reserved;
      if (onHand < floor || onHand > MAX_UNITS)
        throw new BadUserInputError(
          hasSet ? "input.setOnHand" : "input.delta",
          onHand > MAX_UNITS
            ? `on hand may not exceed ${MAX_UNITS}`
            : `on hand cannot go below ${floor}: ${level.allocated} allocated to paid orders and ${reserved} held by carts`,
        );
      if (onHand === level.onHand) return;
      const before = availableByLevel([level], held);
      const movement = {
        variantId,
        locationId: location.id,
        kind: "ADJUSTMENT" as const,
        onHandDelta: onHand - level.onHand,
        allocatedDelta: 0,
        reservedDelta: 0,
        reference: `adjustment:${viewer.userId}`,
        note: reason,
        createdBy: viewer.userId,
      };
      await this.stock.insertMovements(tx, [movement]);
      await this.stock.applyToLevels(tx, [movement]);
      await announceLowStock(this.stock, tx, [level], before);
    });
    return this.levelOf(variantId, location);
  }

  async setLowLevel(
    ctx: BaseContext,
    input: { variantId: string; locationId: string; lowLevel?: number | null },
  ): Promise<LevelView> {
    const { variantId, location } = await this.ownLevel(ctx, input);
    const lowLevel = input.lowLevel ?? null;
    if (lowLevel !== null && (lowLevel < 0 || lowLevel > MAX_UNITS))
      throw new BadUserInputError("input.lowLevel", `must be from 0 to ${MAX_UNITS}`);
    await this.stock.transaction(async (tx) => {
      await this.stock.lockLevel(tx, variantId, location.id);
      await this.stock.setLowLevel(tx, variantId, location.id, lowLevel);
    });
    return this.levelOf(variantId, location);
  }

  /** The variant and location, when both are the viewer's vendor's; NOT_FOUND naming the field otherwise. */
  private async ownLevel(
    ctx: BaseContext,
    input: { variantId: string; locationId: string },
  ): Promise<{ variantId: string; location: LocationRow }> {
    requireViewer(ctx.viewer);
    const variantId = input.variantId.toLowerCase();
    const vendorId = isUuid(variantId) ? await this.stock.variantVendor(variantId) : null;
    if (!vendorId || !isVendorMember(ctx.viewer, vendorId)) throw new NotFoundError("Variant", "input.variantId");
    const location = isUuid(input.locationId) ? await this.stock.location(input.locationId.toLowerCase()) : null;
    if (!location || location.vendorId !== vendorId) throw new NotFoundError("Stock location", "input.locationId");
    return { variantId, location };
  }

  private async levelOf(variantId: string, location: LocationRow): Promise<LevelView> {
    return (await this.stock.levelsOfVariants([variantId])).find((l) => l.locationId === location.id)!;
  }
}
