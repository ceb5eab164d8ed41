import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { BadUserInputError, NotFoundError, isUuid } from "@pawgraph/subgraph-kit";
import { canSeeVendor } from "../access/catalog-access";
import type { CatalogContext } from "../context";
import { toVendor } from "./vendor.mapper";
import type { VendorRepository } from "./vendor.repository";
import { Vendor } from "./vendor.type";

@Resolver(() => Vendor)
export class VendorResolver {
  constructor(private readonly vendors: VendorRepository) {}

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
          ? await this.vendors.bySlug(slug!)
          : null;
    if (!row || !canSeeVendor(ctx.viewer, row)) throw new NotFoundError("Vendor", field);
    return toVendor(row, ctx.viewer);
  }
}
