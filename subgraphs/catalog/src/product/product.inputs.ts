import { Field, ID, InputType } from "type-graphql";
import { LifeStage, Species } from "../shared/species";
import { VariantInput } from "../variant/variant.inputs";

@InputType({ description: "A new product of your vendor, created as a DRAFT with its variants." })
export class CreateProductInput {
  @Field(() => ID, { description: "Your vendor (you must be its VENDOR_ADMIN or VENDOR_STAFF)." })
  vendorId!: string;

  @Field(() => String, { description: "Title, 2-200 characters." })
  title!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "URL-safe name unique within the vendor (lowercase words joined by hyphens); made from the title when omitted.",
  })
  slug?: string | null;

  @Field(() => String, { nullable: true, description: "Description (Markdown), up to 20000 characters." })
  description?: string | null;

  @Field(() => String, { nullable: true, description: "Brand or manufacturer, up to 120 characters." })
  brand?: string | null;

  @Field(() => ID, { description: "Its category (`categories`)." })
  categoryId!: string;

  @Field(() => [Species], { nullable: true, description: "Animals it is for, each once; empty means any." })
  species?: Species[] | null;

  @Field(() => [LifeStage], { nullable: true, description: "Stages of life it is for, each once; empty means any." })
  lifeStages?: LifeStage[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Dispensed only against a prescription (default false); then `medicationCodes` is required.",
  })
  prescriptionOnly?: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description: "The medication codes it dispenses, as health records name medications (`Medication.code`).",
  })
  medicationCodes?: string[] | null;

  @Field(() => [VariantInput], { description: "Its variants: at least one, at most 100, SKUs distinct." })
  variants!: VariantInput[];
}

@InputType({ description: "Change a product of your vendor: only the fields given change." })
export class UpdateProductInput {
  @Field(() => ID, { description: "The product." })
  productId!: string;

  @Field(() => String, { nullable: true, description: "New title." })
  title?: string | null;

  @Field(() => String, { nullable: true, description: "New slug (unique within the vendor)." })
  slug?: string | null;

  @Field(() => String, { nullable: true, description: "New description (Markdown)." })
  description?: string | null;

  @Field(() => String, { nullable: true, description: "New brand; an empty string removes it." })
  brand?: string | null;

  @Field(() => ID, { nullable: true, description: "New category." })
  categoryId?: string | null;

  @Field(() => [Species], { nullable: true, description: "New species tags (replace the old ones)." })
  species?: Species[] | null;

  @Field(() => [LifeStage], { nullable: true, description: "New life stages (replace the old ones)." })
  lifeStages?: LifeStage[] | null;

  @Field(() => Boolean, { nullable: true, description: "New prescription-only flag." })
  prescriptionOnly?: boolean | null;

  @Field(() => [String], { nullable: true, description: "New medication codes (replace the old ones)." })
  medicationCodes?: string[] | null;
}

@InputType({ description: "A product of your vendor, by id." })
export class ProductIdInput {
  @Field(() => ID, { description: "The product." })
  productId!: string;
}

@InputType({ description: "Take a product out of the shop as a platform admin, saying why." })
export class UnpublishProductInput {
  @Field(() => ID, { description: "The product." })
  productId!: string;

  @Field(() => String, { description: "Why, 3-500 characters; its vendor sees it." })
  reason!: string;
}
