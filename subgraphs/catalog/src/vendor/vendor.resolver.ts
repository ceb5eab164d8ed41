import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { BadUserInputError, ConnectionArgs, NotFoundError, isUuid, type Connection } from "@pawgraph/subgraph-kit";
import { canSeeVendor } from "../access/catalog-access";
import type { CatalogContext } from "../context";
import { toVendor } from "./vendor.mapper";
import type { VendorRepository } from "./vendor.repository";
import type { VendorService } from "./vendor.service";
import { Vendor, VendorConnection, VendorStatus } from "./vendor.type";

@Resolver(() => Vendor)
export class VendorResolver {
  constructor(
    private readonly vendorRows: VendorRepository,
    private readonly vendorService: VendorService,
  ) {}

  @Query(() => Vendor, {
    nullable: true,
    description:
      "A vendor by id or by slug (give one). Public for approved vendors; others answer NOT_FOUND except to their applicant, their people and platform admins.",
  })
  async vendor(
    @Arg("id", () => ID, { nullable: true, description: "The vendor's id." }) id: string | null | undefined,
    @Arg("slug", () => String, { nullable: true, description: "The vendor's slug." }) slug: string | null | undefined,
    @Ctx() ctx: CatalogContext,
  ): Promise<Vendor> {
    // An argument left out arrives as undefined, one sent as null as null: both mean "not given".
    if ((id == null) === (slug == null)) throw new BadUserInputError("id", "Give either id or slug");
    const field = id != null ? "id" : "slug";
    const row =
      id != null
        ? isUuid(id)
          ? await ctx.loaders.vendor.load(id.toLowerCase())
          : null
        : slug!.length <= 120
          ? await this.vendorRows.bySlug(slug!)
          : null;
    if (!row || !canSeeVendor(ctx.viewer, row)) throw new NotFoundError("Vendor", field);
    return toVendor(row, ctx.viewer);
  }

  @Query(() => VendorConnection, {
    nullable: true,
    description:
      "Vendors, oldest first, as a Relay connection. Everyone sees APPROVED vendors; platform admins may list any status (all when `status` is omitted).",
  })
  vendors(
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
    @Arg("status", () => VendorStatus, {
      nullable: true,
      description: "Only vendors in this status; other than APPROVED for platform admins only (FORBIDDEN otherwise).",
    })
    status: VendorStatus | null | undefined,
    @Ctx() ctx: CatalogContext,
  ): Promise<Connection<Vendor>> {
    return this.vendorService.list(ctx, status ?? null, { first, after });
  }

  @Authorized()
  @Query(() => VendorConnection, {
    nullable: true,
    description: "The vendors you applied for or belong to, whatever their status, oldest first.",
  })
  myVendors(
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
    @Ctx() ctx: CatalogContext,
  ): Promise<Connection<Vendor>> {
    return this.vendorService.mine(ctx, { first, after });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "A download URL of the shop's logo, valid for an hour; null when it has none.",
  })
  async logoUrl(@Root() vendor: Vendor): Promise<string | null> {
    return vendor.logoKey ? this.vendorService.logoUrl(vendor.logoKey) : null;
  }
}
