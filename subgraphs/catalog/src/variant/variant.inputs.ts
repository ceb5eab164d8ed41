import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "One option that tells variants apart, e.g. name `Size`, value `2 kg`." })
export class VariantOptionInput {
  @Field(() => String, { description: "The option, 1-40 characters, e.g. `Size`." })
  name!: string;

  @Field(() => String, { description: "Its value, 1-80 characters, e.g. `2 kg`." })
  value!: string;
}

@InputType({ description: "Package dimensions in millimetres (1-10000 each)." })
export class DimensionsInput {
  @Field(() => Int, { description: "Length in mm." })
  lengthMm!: number;

  @Field(() => Int, { description: "Width in mm." })
  widthMm!: number;

  @Field(() => Int, { description: "Height in mm." })
  heightMm!: number;
}

@InputType({ description: "A purchasable variant of a product: its SKU, price and shipping facts." })
export class VariantInput {
  @Field(() => String, {
    description:
      "Stock keeping unit, unique within the vendor: 1-64 letters, digits, `.`, `-`, `_` or `/`, starting with a letter or digit.",
  })
  sku!: string;

  @Field(() => String, { nullable: true, description: "A short name, e.g. `2 kg bag`, up to 120 characters." })
  title?: string | null;

  @Field(() => [VariantOptionInput], { nullable: true, description: "Up to 10 options, each name once." })
  options?: VariantOptionInput[] | null;

  @Field(() => String, {
    nullable: true,
    description: "GTIN barcode (EAN-8, UPC-A, EAN-13 or GTIN-14); its check digit is verified.",
  })
  gtin?: string | null;

  @Field(() => Int, { description: "Price in minor units of `currency` (1999 for 19.99), 0 or more." })
  priceMinor!: number;

  @Field(() => Int, {
    nullable: true,
    description: "The price before a reduction, in minor units; not below `priceMinor`.",
  })
  compareAtMinor?: number | null;

  @Field(() => String, { description: "ISO 4217 code of the price; must be the vendor's currency." })
  currency!: string;

  @Field(() => Int, { nullable: true, description: "Shipping weight in grams." })
  weightGrams?: number | null;

  @Field(() => DimensionsInput, { nullable: true, description: "Package dimensions." })
  dimensions?: DimensionsInput | null;

  @Field(() => String, {
    nullable: true,
    description: "Tax category, an upper-case code such as `STANDARD` (default), `REDUCED` or `MEDICINE`.",
  })
  taxCategory?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Whether it can be bought (default true)." })
  active?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description: "Units kept back from sale as a safety margin (default 0).",
  })
  outOfStockThreshold?: number | null;
}

@InputType({ description: "Add a variant to one of your vendor's products." })
export class AddProductVariantInput {
  @Field(() => ID, { description: "The product." })
  productId!: string;

  @Field(() => VariantInput, { description: "The variant." })
  variant!: VariantInput;
}

@InputType({ description: "Change a variant: only the fields given change; the result is validated as a whole." })
export class UpdateProductVariantInput {
  @Field(() => ID, { description: "The variant." })
  variantId!: string;

  @Field(() => String, { nullable: true, description: "New SKU (unique within the vendor)." })
  sku?: string | null;

  @Field(() => String, { nullable: true, description: "New short name." })
  title?: string | null;

  @Field(() => [VariantOptionInput], { nullable: true, description: "New options (replace the old ones)." })
  options?: VariantOptionInput[] | null;

  @Field(() => String, { nullable: true, description: "New GTIN; an empty string removes it." })
  gtin?: string | null;

  @Field(() => Int, { nullable: true, description: "New price in minor units." })
  priceMinor?: number | null;

  @Field(() => Int, { nullable: true, description: "New compare-at price in minor units; -1 removes it." })
  compareAtMinor?: number | null;

  @Field(() => String, { nullable: true, description: "New currency (must stay the vendor's)." })
  currency?: string | null;

  @Field(() => Int, { nullable: true, description: "New shipping weight in grams." })
  weightGrams?: number | null;

  @Field(() => DimensionsInput, { nullable: true, description: "New package dimensions." })
  dimensions?: DimensionsInput | null;

  @Field(() => String, { nullable: true, description: "New tax category." })
  taxCategory?: string | null;

  @Field(() => Int, { nullable: true, description: "New out-of-stock threshold." })
  outOfStockThreshold?: number | null;
}

@InputType({ description: "Make a variant buyable or not." })
export class SetVariantActiveInput {
  @Field(() => ID, { description: "The variant." })
  variantId!: string;

  @Field(() => Boolean, { description: "True: it can be bought; false: hidden from shoppers." })
  active!: boolean;
}
