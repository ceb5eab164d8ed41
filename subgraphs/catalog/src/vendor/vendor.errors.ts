import { createUnionType, Field, ObjectType } from "type-graphql";
import { VendorApplication } from "./vendor-payload.type";

@ObjectType({ description: "Another vendor already uses this slug: pick another (see `suggestion`)." })
export class VendorSlugTakenError {
  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;

  @Field(() => String, { description: "The slug that is taken." })
  slug!: string;

  @Field(() => String, {
    nullable: true,
    description: "A similar slug that was free when we answered, if we found one.",
  })
  suggestion!: string | null;
}

export const ApplyAsVendorResult = createUnionType({
  name: "ApplyAsVendorResult",
  description: "The application, or why it could not be made.",
  types: () => [VendorApplication, VendorSlugTakenError] as const,
});
