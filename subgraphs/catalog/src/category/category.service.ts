import { BadUserInputError, ForbiddenError, NotFoundError, isPlatformAdmin, parseId } from "@pawgraph/subgraph-kit";
import type { CatalogContext } from "../context";
import { isValidSlug } from "../product/slug";
import type { CategoryEntity } from "./category.entity";
import type { CreateCategoryInput } from "./category.inputs";
import type { CategoryRepository } from "./category.repository";

const UNIQUE_VIOLATION = "23505";

/** The category tree's writes: platform admins add categories; the path follows from the parent. */
export class CategoryService {
  constructor(private readonly tree: CategoryRepository) {}

  async create(ctx: CatalogContext, input: CreateCategoryInput): Promise<CategoryEntity> {
    if (!isPlatformAdmin(ctx.viewer)) throw new ForbiddenError("Only platform admins manage categories");
    const parent = input.parentId ? await ctx.loaders.category.load(parseId(input.parentId, "input.parentId")) : null;
    if (input.parentId && !parent) throw new NotFoundError("Category", "input.parentId");
    if (!isValidSlug(input.slug))
      throw new BadUserInputError("input.slug", "must be lowercase letters and digits in words joined by hyphens");
    const name = input.name.trim();
    if (name.length < 1 || name.length > 80) throw new BadUserInputError("input.name", "must be 1-80 characters");
    const position = input.position ?? 0;
    if (position < 0 || position > 100_000) throw new BadUserInputError("input.position", "must be 0-100000");
    if (parent && parent.path.split("/").length >= 6)
      throw new BadUserInputError("input.parentId", "categories nest at most 6 deep");
    try {
      return await this.tree.create({ parent, slug: input.slug, name, position });
    } catch (error) {
      const code = (error as { driverError?: { code?: string } }).driverError?.code;
      if (code === UNIQUE_VIOLATION)
        throw new BadUserInputError("input.slug", `${parent ? parent.path + "/" : ""}${input.slug} already exists`);
      throw error;
    }
  }
}
