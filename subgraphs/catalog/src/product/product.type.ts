import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "@pawgraph/subgraph-kit";
import { LifeStage, Species } from "../shared/species";

export enum ProductStatus {
  DRAFT = "DRAFT",
  ACTIVE = "ACTIVE",
  ARCHIVED = "ARCHIVED",
}

registerEnumType(ProductStatus, {
  name: "ProductStatus",
  description: "Whether a product is in the shop.",
  valuesConfig: {
    DRAFT: { description: "Being prepared; only its vendor sees it." },
    ACTIVE: { description: "In the shop and in search (when its vendor is approved)." },
    ARCHIVED: { description: "Taken out of the shop by its vendor or a platform admin; kept for past orders." },
  },
});

export enum ProductImageStatus {
  UPLOADING = "UPLOADING",
  READY = "READY",
  FAILED = "FAILED",
}

registerEnumType(ProductImageStatus, {
  name: "ProductImageStatus",
  description: "Where an image is between its upload and its renditions.",
  valuesConfig: {
    UPLOADING: { description: "Upload URL issued; `completeProductImage` has not succeeded yet." },
    READY: { description: "Checked and its renditions made: shown in the shop." },
    FAILED: { description: "The uploaded file was not a JPEG, PNG or WebP image; remove it and upload again." },
  },
});

@Directive("@cacheControl(maxAge: 60)")
@ObjectType({ description: "An image of a product, with renditions for lists and product pages." })
export class ProductImage {
  @Field(() => ID, { description: "Stable unique id of the image." })
  id!: string;

  @Field(() => ProductImageStatus, {
    description: "Whether it is ready; shoppers only ever see READY images, its vendor's people all of them.",
  })
  status!: ProductImageStatus;

  @Field(() => Int, { description: "Display order, 0 first (the product's main image)." })
  position!: number;

  @Field(() => String, { description: "Text describing the image for screen readers." })
  alt!: string;

  @Field(() => String, { nullable: true, description: "URL of the original upload; null until the upload completed." })
  url!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "URL of a 200 px thumbnail (WebP); null until it has been made.",
  })
  thumbnailUrl!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "URL of an 800 px rendition (WebP) for product pages; null until it has been made.",
  })
  mediumUrl!: string | null;

  @Field(() => Int, { nullable: true, description: "Width of the original in pixels, once known." })
  width!: number | null;

  @Field(() => Int, { nullable: true, description: "Height of the original in pixels, once known." })
  height!: number | null;
}

/** A product a vendor sells, owned by this subgraph; orders and ai refer to it. */
@Directive('@key(fields: "id")')
@Directive("@cacheControl(maxAge: 60)")
@ObjectType({
  description:
    "A product in the shop: food, supplies or medicine. What is bought is one of its `variants`. Active products of approved vendors are public.",
})
export class Product {
  @Field(() => ID, { description: "Stable unique id of the product." })
  id!: string;

  @Field(() => String, { description: "Title, e.g. `Grain-free chicken kibble for adult dogs`." })
  title!: string;

  @Field(() => String, { description: "URL-safe name, unique within its vendor." })
  slug!: string;

  @Field(() => String, { description: "Description (Markdown)." })
  description!: string;

  @Field(() => String, { nullable: true, description: "Brand or manufacturer." })
  brand!: string | null;

  @Field(() => [Species], { description: "Animals it is for; empty means any." })
  species!: Species[];

  @Field(() => [LifeStage], { description: "Stages of life it is for; empty means any." })
  lifeStages!: LifeStage[];

  @Field(() => ProductStatus, { description: "Whether it is in the shop." })
  status!: ProductStatus;

  @Field(() => Boolean, {
    description: "Dispensed only against a vet's prescription for the pet it is bought for.",
  })
  prescriptionOnly!: boolean;

  @Field(() => [String], {
    description:
      "The medication codes it dispenses, in the vocabulary of health-record medications (`Medication.code`); empty for non-medicines.",
  })
  medicationCodes!: string[];

  @Field(() => Float, { nullable: true, description: "Average review rating (1-5); null until reviewed." })
  averageRating!: number | null;

  @Field(() => Int, { description: "How many reviews it has." })
  reviewCount!: number;

  @Field(() => String, {
    nullable: true,
    description:
      "Why a platform admin unpublished it; only its vendor's people and platform admins see it (null for others).",
  })
  unpublishedReason!: string | null;

  @Field(() => Date, { description: "When it was created." })
  createdAt!: Date;

  @Field(() => Date, { description: "When it last changed." })
  updatedAt!: Date;

  vendorId!: string;
  categoryId!: string;
}

/** A page of products. */
export const ProductConnection = connectionType(Product, "Product", "product");
