import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ConnectionArgs, type Connection } from "@pawgraph/subgraph-kit";
import type { CatalogContext } from "../context";
import { Vendor } from "../vendor/vendor.type";
import type { ProductService } from "./product.service";
import { ProductConnection, ProductStatus, type Product } from "./product.type";

/** The products a vendor lists: a field this folder adds to `Vendor`. */
@Resolver(() => Vendor)
export class VendorProductsResolver {
  constructor(private readonly service: ProductService) {}

  @FieldResolver(() => ProductConnection, {
    description:
      "The vendor's products, newest first. Everyone sees the ACTIVE products of an approved vendor; its own people and platform admins see every status and may filter by one.",
  })
  products(
    @Root() vendor: Vendor,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("status", () => ProductStatus, {
      nullable: true,
      description: "Only products with this status (others than ACTIVE: the vendor's people and platform admins).",
    })
    status: ProductStatus | null,
    @Ctx() ctx: CatalogContext,
  ): Promise<Connection<Product>> {
    return this.service.ofVendor(ctx, vendor, args, status);
  }
}
