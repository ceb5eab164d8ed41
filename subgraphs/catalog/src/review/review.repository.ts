import type { DataSource, EntityManager } from "typeorm";
import { keyset, type PageQuery } from "@pawgraph/subgraph-kit";
import { ProductReviewEntity } from "./review.entity";

/** `Product.reviews`' order, newest first: (created_at, id), in the cursor as [ISO time, id]. */
export const REVIEW_PAGE = keyset("date", "uuid").of((r: ProductReviewEntity) => [r.createdAt, r.id]);
export type ReviewKey = ReturnType<typeof REVIEW_PAGE.keyOf>;

/** What an author writes; the rest of a review row is the database's. */
export type ReviewText = Pick<ProductReviewEntity, "rating" | "title" | "body">;

/** A review as written, and whether it was new (not an edit). */
export interface ReviewWrite {
  review: ProductReviewEntity;
  created: boolean;
}

function toEntity(row: Record<string, unknown>): ProductReviewEntity {
  return Object.assign(new ProductReviewEntity(), {
    id: row.id as string,
    seq: String(row.seq),
    productId: row.product_id as string,
    authorId: row.author_id as string,
    rating: Number(row.rating),
    title: (row.title as string | null) ?? null,
    body: row.body as string,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  });
}

/**
 * Product reviews, and the product aggregates (`rating_count`, `rating_sum`) they move. Every write
 * takes the service's transaction and changes the review and the aggregates in it, the aggregates
 * only by `SET x = x + delta`: the product row's lock orders concurrent reviewers, so none is lost.
 */
export class ReviewRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Writes `author`'s review of the product: a new one, or their existing one edited (one per
   * author and product). The author's row is locked first, so two calls by one author add one review.
   */
  async save(tx: EntityManager, productId: string, authorId: string, text: ReviewText): Promise<ReviewWrite> {
    let existing = await this.lockOwn(tx, productId, authorId);
    const now = new Date();
    if (!existing) {
      const inserted: Record<string, unknown>[] = await tx.query(
        `INSERT INTO catalog.product_reviews (product_id, author_id, rating, title, body, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $6)
           ON CONFLICT (product_id, author_id) DO NOTHING
           RETURNING *`,
        [productId, authorId, text.rating, text.title, text.body, now],
      );
      if (inserted[0]) {
        await this.adjust(tx, productId, 1, text.rating);
        return { review: toEntity(inserted[0]), created: true };
      }
      // The same author's concurrent call inserted first (ON CONFLICT waited for it): edit that one.
      existing = await this.lockOwn(tx, productId, authorId);
      if (!existing) throw new Error("review vanished while it was being written");
    }
    // TypeORM answers an UPDATE with [rows, affected count] (an INSERT with the rows alone).
    const [[updated]] = (await tx.query(
      `UPDATE catalog.product_reviews SET rating = $2, title = $3, body = $4, updated_at = $5
         WHERE id = $1 RETURNING *`,
      [existing.id, text.rating, text.title, text.body, now],
    )) as [Record<string, unknown>[], number];
    await this.adjust(tx, productId, 0, text.rating - existing.rating);
    return { review: toEntity(updated!), created: false };
  }

  /** Deletes the author's review of the product and takes it out of the aggregates; false when there was none. */
  async remove(tx: EntityManager, productId: string, authorId: string): Promise<boolean> {
    const existing = await this.lockOwn(tx, productId, authorId);
    if (!existing) return false;
    await tx.query(`DELETE FROM catalog.product_reviews WHERE id = $1`, [existing.id]);
    await this.adjust(tx, productId, -1, -existing.rating);
    return true;
  }

  /**
   * Newest-first review pages for many products at once (`REVIEW_PAGE`): a window function numbers
   * each product's reviews after the cursor, and only the first `limit` per product come back.
   */
  async pages(productIds: readonly string[], { limit, after }: PageQuery<ReviewKey>): Promise<ProductReviewEntity[]> {
    const params: unknown[] = [productIds, limit];
    let cursor = "";
    if (after) {
      params.push(after[0].toISOString(), after[1]);
      cursor = `AND (r.created_at, r.id) < ($3::timestamptz, $4::uuid)`;
    }
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT * FROM (
         SELECT r.*, row_number() OVER (PARTITION BY r.product_id ORDER BY r.created_at DESC, r.id DESC) AS rn
         FROM catalog.product_reviews r WHERE r.product_id = ANY($1::uuid[]) ${cursor}
       ) ranked WHERE rn <= $2 ORDER BY product_id, rn`,
      params,
    );
    return rows.map(toEntity);
  }

  private async lockOwn(tx: EntityManager, productId: string, authorId: string): Promise<ProductReviewEntity | null> {
    const rows: Record<string, unknown>[] = await tx.query(
      `SELECT * FROM catalog.product_reviews WHERE product_id = $1 AND author_id = $2 FOR UPDATE`,
      [productId, authorId],
    );
    return rows[0] ? toEntity(rows[0]) : null;
  }

  /** Moves the product's review count and rating sum by deltas, never by a value read earlier. */
  private async adjust(tx: EntityManager, productId: string, count: number, sum: number): Promise<void> {
    if (count === 0 && sum === 0) return;
    await tx.query(
      `UPDATE catalog.products SET rating_count = rating_count + $2, rating_sum = rating_sum + $3 WHERE id = $1`,
      [productId, count, sum],
    );
  }
}
