import { Field, ObjectType } from "type-graphql";
import { PresignedUploadFields } from "@pawgraph/subgraph-kit";
import { ProductImage } from "./product.type";

@ObjectType({
  description:
    "Where and how to upload a product image: send one PUT of the file to `url` with `headers`, then call `completeProductImage`.",
})
export class ProductImageUpload extends PresignedUploadFields {
  @Field(() => ProductImage, { description: "The image, UPLOADING until `completeProductImage` succeeds." })
  image!: ProductImage;
}
