import { Directive, Field, ID, Int, ObjectType } from "type-graphql";

/** A node of the product category tree (e.g. Dogs › Food › Dry food). */
@Directive('@key(fields: "id")')
@Directive("@cacheControl(maxAge: 60)")
@ObjectType({ description: "A product category, a node of a tree (e.g. Dogs › Food › Dry food)." })
export class Category {
  @Field(() => ID, { description: "Stable unique id of the category." })
  id!: string;

  @Field(() => String, { description: "Display name, e.g. `Dry food`." })
  name!: string;

  @Field(() => String, { description: "URL-safe name, unique among its siblings." })
  slug!: string;

  @Field(() => String, {
    description: "The slugs from the root to this category joined by `/`, e.g. `dogs/food/dry-food`; unique.",
  })
  path!: string;

  @Field(() => Int, { description: "Depth in the tree: 0 for a root category." })
  depth!: number;

  parentId!: string | null;
}
