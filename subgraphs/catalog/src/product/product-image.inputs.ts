import { IsIn, MaxLength, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { FileDeclarationInput } from "@pawgraph/subgraph-kit";

/** What product images may be: the formats browsers show and sharp reads. */
export const PRODUCT_IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
/** The largest product image accepted: 10 MB. */
export const PRODUCT_IMAGE_MAX_BYTES = 10 * 1024 * 1024;

@InputType({ description: "An image file about to be uploaded: JPEG, PNG or WebP, at most 10 MB." })
export class ProductImageFileInput extends FileDeclarationInput {
  @IsIn(PRODUCT_IMAGE_TYPES, { message: `must be one of ${PRODUCT_IMAGE_TYPES.join(", ")}` })
  @Field(() => String, { description: `MIME type: ${PRODUCT_IMAGE_TYPES.join(", ")}.` })
  contentType!: string;
}

@InputType({ description: "Ask for a URL to upload an image of one of your vendor's products." })
export class AddProductImageInput {
  @Field(() => ID, { description: "The product." })
  productId!: string;

  @ValidateNested()
  @Field(() => ProductImageFileInput, { description: "The image file (at most 10 MB)." })
  file!: ProductImageFileInput;

  @MaxLength(300, { message: "must be at most 300 characters" })
  @Field(() => String, { nullable: true, description: "Text describing the image for screen readers, up to 300." })
  alt?: string | null;
}

@InputType({ description: "An image of one of your vendor's products, by id." })
export class ProductImageIdInput {
  @Field(() => ID, { description: "The image (`ProductImage.id`)." })
  imageId!: string;
}

@InputType({ description: "Put a product's images in a new order." })
export class ReorderProductImagesInput {
  @Field(() => ID, { description: "The product." })
  productId!: string;

  @Field(() => [ID], { description: "Every one of its image ids, each once, in the new order (first = main image)." })
  imageIds!: string[];
}
