import { createUnionType, Field, ObjectType, registerEnumType } from "type-graphql";
import { Product } from "./product.type";

export enum NotPublishableReason {
  VENDOR_NOT_APPROVED = "VENDOR_NOT_APPROVED",
  NO_ACTIVE_VARIANT = "NO_ACTIVE_VARIANT",
  UNPUBLISHED_BY_ADMIN = "UNPUBLISHED_BY_ADMIN",
}

registerEnumType(NotPublishableReason, {
  name: "NotPublishableReason",
  description: "Why a product cannot go into the shop yet.",
  valuesConfig: {
    VENDOR_NOT_APPROVED: { description: "The vendor is still waiting for platform approval." },
    NO_ACTIVE_VARIANT: { description: "None of its variants is active: nothing could be bought." },
    UNPUBLISHED_BY_ADMIN: {
      description: "A platform admin took it out of the shop (see `unpublishedReason`); ask them to review it.",
    },
  },
});

@ObjectType({ description: "The product cannot be published now; it stays as it was." })
export class ProductNotPublishableError {
  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;

  @Field(() => NotPublishableReason, { description: "Why, for apps to act on." })
  reason!: NotPublishableReason;
}

export const PublishProductResult = createUnionType({
  name: "PublishProductResult",
  description: "The published (ACTIVE) product, or why it cannot be published.",
  types: () => [Product, ProductNotPublishableError] as const,
});
