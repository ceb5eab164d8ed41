import { Arg, Field, ID, Int, ObjectType, Query, Resolver } from "type-graphql";
import { BadUserInputError, Internal, InternalType, isUuid } from "@pawgraph/subgraph-kit";
import type { VariantRepository } from "../variant/variant.repository";

/**
 * What orders needs to price and check a cart line, read live at every cart view and frozen at
 * checkout (internal; never served by the gateway). `purchasable` is false, with the reason, for a
 * variant that is inactive, whose product is not ACTIVE or whose vendor is not APPROVED: the cart
 * flags such a line instead of dropping it.
 */
@InternalType()
@ObjectType({ description: "A variant as orders prices it (internal)." })
export class OrderableVariant {
  @Field(() => ID, { description: "The variant." })
  variantId!: string;

  @Field(() => ID, { description: "Its product." })
  productId!: string;

  @Field(() => ID, { description: "The product's category." })
  categoryId!: string;

  @Field(() => ID, { description: "The vendor selling it." })
  vendorId!: string;

  @Field(() => String, { description: "The vendor's name." })
  vendorName!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The clinic whose shop the vendor is; null for independent vendors.",
  })
  vendorClinicId!: string | null;

  @Field(() => String, { description: "The product's title and the variant's, for order lines." })
  title!: string;

  @Field(() => String, { description: "The SKU." })
  sku!: string;

  @Field(() => Int, { description: "Unit price in minor units." })
  priceMinor!: number;

  @Field(() => String, { description: "ISO 4217 currency of the price." })
  currency!: string;

  @Field(() => String, { description: "Tax category, e.g. STANDARD, REDUCED." })
  taxCategory!: string;

  @Field(() => Int, { nullable: true, description: "Shipping weight in grams, when known." })
  weightGrams!: number | null;

  @Field(() => Boolean, { description: "Prescription-only medicine." })
  prescriptionOnly!: boolean;

  @Field(() => [String], { description: "ATCvet codes a prescription must match." })
  medicationCodes!: string[];

  @Field(() => Boolean, { description: "Whether it may be bought now." })
  purchasable!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Why not: VARIANT_INACTIVE, PRODUCT_NOT_ACTIVE or VENDOR_NOT_APPROVED.",
  })
  unavailableReason!: string | null;
}

@Resolver()
export class OrderableVariantResolver {
  constructor(private readonly variants: VariantRepository) {}

  @Internal()
  @Query(() => [OrderableVariant], {
    nullable: true,
    description: "Internal (orders): variants as orders prices them; unknown ids are left out.",
  })
  async orderableVariants(
    @Arg("ids", () => [ID], { description: "Variant ids (at most 200)." }) ids: string[],
  ): Promise<OrderableVariant[]> {
    if (ids.length > 200) throw new BadUserInputError("ids", "At most 200 variants at a time");
    const wanted = ids.filter(isUuid);
    if (wanted.length === 0) return [];
    const rows = await this.variants.orderable(wanted);
    return rows.map((row) => ({ ...row, purchasable: row.unavailableReason === null }));
  }
}
