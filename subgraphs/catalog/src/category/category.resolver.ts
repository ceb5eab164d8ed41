import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { CatalogContext } from "../context";
import { toCategory } from "./category.mapper";
import { CreateCategoryInput } from "./category.inputs";
import type { CategoryRepository } from "./category.repository";
import type { CategoryService } from "./category.service";
import { Category } from "./category.type";

@Resolver(() => Category)
export class CategoryResolver {
  constructor(
    private readonly tree: CategoryRepository,
    private readonly service: CategoryService,
  ) {}

  @Query(() => [Category], {
    nullable: true,
    description: "The whole category tree, parents before their children (ordered by path). Public.",
  })
  async categories(): Promise<Category[]> {
    return (await this.tree.all()).map(toCategory);
  }

  @Query(() => Category, {
    nullable: true,
    description: "A category by its path, e.g. `dogs/food`; null when none. Public.",
  })
  async category(
    @Arg("path", () => String, { description: "Slugs from the root joined by `/`." }) path: string,
  ): Promise<Category | null> {
    const row = path.length <= 300 ? await this.tree.byPath(path) : null;
    return row ? toCategory(row) : null;
  }

  @Authorized()
  @Mutation(() => Category, {
    description:
      "Add a category to the tree (platform admins; others FORBIDDEN). Its path is the parent's path plus the slug; a slug its siblings already use is BAD_USER_INPUT on `input.slug`.",
  })
  async createCategory(
    @Arg("input", () => CreateCategoryInput, { description: "The category." }) input: CreateCategoryInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<Category> {
    return toCategory(await this.service.create(ctx, input));
  }

  @FieldResolver(() => Category, { nullable: true, description: "The parent category; null for a root." })
  async parent(@Root() category: Category, @Ctx() ctx: CatalogContext): Promise<Category | null> {
    if (!category.parentId) return null;
    const row = await ctx.loaders.category.load(category.parentId);
    return row ? toCategory(row) : null;
  }

  @FieldResolver(() => [Category], { description: "Its direct subcategories, in display order." })
  async children(@Root() category: Category, @Ctx() ctx: CatalogContext): Promise<Category[]> {
    return (await ctx.loaders.categoryChildren.load(category.id)).map(toCategory);
  }
}
