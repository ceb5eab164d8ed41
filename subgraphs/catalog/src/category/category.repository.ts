import { In, type DataSource } from "typeorm";
import { CategoryEntity } from "./category.entity";

/** Queries of the category tree. */
export class CategoryRepository {
  constructor(private readonly db: DataSource) {}

  byIds(ids: readonly string[]): Promise<CategoryEntity[]> {
    return this.db.getRepository(CategoryEntity).findBy({ id: In([...ids]) });
  }

  byPath(path: string): Promise<CategoryEntity | null> {
    return this.db.getRepository(CategoryEntity).findOneBy({ path });
  }

  /** The whole tree, parents before children, siblings in display order. */
  all(): Promise<CategoryEntity[]> {
    return this.db.query(
      `SELECT id, parent_id AS "parentId", slug, name, path, position FROM catalog.categories ORDER BY path`,
    );
  }

  /** Children of each parent, in display order. */
  childrenOf(parentIds: readonly string[]): Promise<CategoryEntity[]> {
    return this.db
      .getRepository(CategoryEntity)
      .find({ where: { parentId: In([...parentIds]) }, order: { position: "ASC", name: "ASC" } });
  }

  /** Adds a category under `parent` (or at the root); its path follows from the parent's. */
  async create(input: {
    parent: CategoryEntity | null;
    slug: string;
    name: string;
    position?: number;
  }): Promise<CategoryEntity> {
    const path = input.parent ? `${input.parent.path}/${input.slug}` : input.slug;
    return this.db.getRepository(CategoryEntity).save({
      parentId: input.parent?.id ?? null,
      slug: input.slug,
      name: input.name,
      path,
      position: input.position ?? 0,
    });
  }
}
