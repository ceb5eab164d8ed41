import type { CategoryEntity } from "./category.entity";
import type { Category } from "./category.type";

export function toCategory(row: CategoryEntity): Category {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    path: row.path,
    depth: row.path.split("/").length - 1,
    parentId: row.parentId,
  };
}
