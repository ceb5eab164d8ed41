import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "A new category in the tree (platform admins)." })
export class CreateCategoryInput {
  @Field(() => ID, { nullable: true, description: "The parent category; omit for a root category." })
  parentId?: string | null;

  @Field(() => String, {
    description: "URL-safe name, unique among its siblings: lowercase words joined by hyphens, e.g. `dry-food`.",
  })
  slug!: string;

  @Field(() => String, { description: "Display name, 1-80 characters, e.g. `Dry food`." })
  name!: string;

  @Field(() => Int, { nullable: true, description: "Display order among its siblings, 0 first (default 0)." })
  position?: number | null;
}
