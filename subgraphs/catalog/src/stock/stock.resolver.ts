import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { isVendorInsider } from "../access/catalog-access";
import type { CatalogContext } from "../context";
import { Vendor } from "../vendor/vendor.type";
import { AdjustStockInput, CreateStockLocationInput, SetLowStockLevelInput } from "./stock.inputs";
import { toStockLevel, toStockLocation } from "./stock.mapper";
import { StockLevel, StockLocation } from "./stock.type";
import type { StockVendorService } from "./stock-vendor.service";

/** The vendor's people manage their stock: locations, adjustments, low-stock levels. */
@Resolver(() => Vendor)
export class StockResolver {
  constructor(private readonly stock: StockVendorService) {}

  @Authorized()
  @Mutation(() => StockLocation, {
    nullable: true,
    description: "Create a stock location for your vendor (VENDOR_ADMIN or VENDOR_STAFF).",
  })
  async createStockLocation(
    @Arg("input", () => CreateStockLocationInput, { description: "The vendor, a name and a country." })
    input: CreateStockLocationInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<StockLocation> {
    return toStockLocation(await this.stock.createLocation(ctx, input));
  }

  @Authorized()
  @Mutation(() => StockLevel, {
    nullable: true,
    description:
      "Correct your variant's on-hand units at a location, recorded as an ADJUSTMENT movement. Refused (BAD_USER_INPUT) below what paid orders and checking-out carts hold.",
  })
  async adjustStock(
    @Arg("input", () => AdjustStockInput, { description: "The variant, the location and the change." })
    input: AdjustStockInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<StockLevel> {
    return toStockLevel(await this.stock.adjust(ctx, input));
  }

  @Authorized()
  @Mutation(() => StockLevel, {
    nullable: true,
    description:
      "Set or clear the low-stock level of your variant at a location (your vendor admins are told when it is reached).",
  })
  async setLowStockLevel(
    @Arg("input", () => SetLowStockLevelInput, { description: "The variant, the location and the level." })
    input: SetLowStockLevelInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<StockLevel> {
    return toStockLevel(await this.stock.setLowLevel(ctx, input));
  }

  @FieldResolver(() => [StockLocation], {
    nullable: true,
    description: "The vendor's stock locations: for its people and platform admins; null for everyone else.",
  })
  async stockLocations(@Root() vendor: Vendor, @Ctx() ctx: CatalogContext): Promise<StockLocation[] | null> {
    if (!isVendorInsider(ctx.viewer, vendor.id)) return null;
    return (await ctx.loaders.stockLocationsOf.load(vendor.id)).map(toStockLocation);
  }
}
