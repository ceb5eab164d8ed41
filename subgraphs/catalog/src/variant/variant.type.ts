import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Money } from "@pawgraph/subgraph-kit";

@Directive("@cacheControl(maxAge: 60)")
@ObjectType({ description: "One option that tells variants apart, e.g. Size: 2 kg." })
export class VariantOption {
  @Field(() => String, { description: "The option, e.g. `Size` or `Flavour`." })
  name!: string;

  @Field(() => String, { description: "Its value for this variant, e.g. `2 kg`." })
  value!: string;
}

@Directive("@cacheControl(maxAge: 60)")
@ObjectType({ description: "Package dimensions in millimetres, for shipping." })
export class Dimensions {
  @Field(() => Int, { description: "Length in mm." })
  lengthMm!: number;

  @Field(() => Int, { description: "Width in mm." })
  widthMm!: number;

  @Field(() => Int, { description: "Height in mm." })
  heightMm!: number;
}

/** A purchasable variant, owned by this subgraph; orders' cart lines refer to it. */
@Directive('@key(fields: "id")')
@Directive("@cacheControl(maxAge: 60)")
@ObjectType({ description: "A purchasable variant of a product (a size, a flavour): what a cart line holds." })
export class ProductVariant {
  @Field(() => ID, { description: "Stable unique id of the variant." })
  id!: string;

  @Field(() => String, { description: "Stock keeping unit, unique within its vendor." })
  sku!: string;

  @Field(() => String, { description: "A short name for the variant, e.g. `2 kg bag`; may be empty." })
  title!: string;

  @Field(() => [VariantOption], { description: "The options that tell it apart from its siblings." })
  options!: VariantOption[];

  @Field(() => String, { nullable: true, description: "GTIN (EAN/UPC barcode), check digit verified." })
  gtin!: string | null;

  @Field(() => Money, { description: "Price, in the vendor's currency (tax as the vendor's prices state it)." })
  price!: Money;

  @Field(() => Money, { nullable: true, description: "The price before a reduction, shown struck through." })
  compareAtPrice!: Money | null;

  @Field(() => Int, { nullable: true, description: "Shipping weight in grams." })
  weightGrams!: number | null;

  @Field(() => Dimensions, { nullable: true, description: "Package dimensions, when given." })
  dimensions!: Dimensions | null;

  @Field(() => String, { description: "Tax category for tax rates, e.g. `STANDARD`, `REDUCED`, `MEDICINE`." })
  taxCategory!: string;

  @Field(() => Boolean, { description: "Whether it can be bought." })
  active!: boolean;

  productId!: string;
  vendorId!: string;
}
