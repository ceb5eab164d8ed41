import { In, type DataSource, type EntityManager } from "typeorm";
import { keyset } from "@pawgraph/subgraph-kit";
import { VendorEntity } from "./vendor.entity";

/** Vendor lists page by their insertion sequence, oldest first. */
export const VENDOR_PAGE = keyset("seq").of((v: VendorEntity) => [v.seq]);

/** The unique index on `vendors.slug` (migration 1765400000000): a second vendor with a slug is refused here. */
const SLUG_INDEX = "vendors_slug_key";

/** Whether `error` is the database refusing a second vendor with the same slug (a race the index settles). */
export function isSlugTaken(error: unknown): boolean {
  const failure = error as { driverError?: { code?: string; constraint?: string } };
  return failure.driverError?.code === "23505" && failure.driverError.constraint === SLUG_INDEX;
}

/** Queries of the `vendors` table. */
export class VendorRepository {
  constructor(private readonly db: DataSource) {}

  byIds(ids: readonly string[]): Promise<VendorEntity[]> {
    return this.db.getRepository(VendorEntity).findBy({ id: In([...ids]) });
  }

  bySlug(slug: string): Promise<VendorEntity | null> {
    return this.db.getRepository(VendorEntity).findOneBy({ slug });
  }

  /** Which of `slugs` are in use. */
  async takenSlugs(slugs: string[]): Promise<Set<string>> {
    const rows = await this.db.getRepository(VendorEntity).find({ select: { slug: true }, where: { slug: In(slugs) } });
    return new Set(rows.map((r) => r.slug));
  }

  async insert(tx: EntityManager, row: Partial<VendorEntity>): Promise<VendorEntity> {
    const repository = tx.getRepository(VendorEntity);
    const { id } = await repository.save(repository.create(row));
    return repository.findOneByOrFail({ id });
  }

  /** The vendor, locked for the rest of `tx`, or null. */
  lock(tx: EntityManager, id: string): Promise<VendorEntity | null> {
    return tx.getRepository(VendorEntity).findOne({ where: { id }, lock: { mode: "pessimistic_write" } });
  }

  async update(tx: EntityManager, id: string, patch: Partial<VendorEntity>): Promise<VendorEntity> {
    const repository = tx.getRepository(VendorEntity);
    await repository.update(id, patch);
    return repository.findOneByOrFail({ id });
  }

  /** A page of vendors in `statuses` (all when null), in sequence order after `after`. */
  page(statuses: string[] | null, limit: number, after: string | undefined): Promise<VendorEntity[]> {
    const query = this.db.getRepository(VendorEntity).createQueryBuilder("v").orderBy("v.seq", "ASC").limit(limit);
    if (statuses) query.andWhere("v.status IN (:...statuses)", { statuses });
    if (after !== undefined) query.andWhere("v.seq > :after", { after });
    return query.getMany();
  }

  /** A page of the vendors `userId` applied for or belongs to (`memberOf`), in sequence order. */
  pageOf(userId: string, memberOf: string[], limit: number, after: string | undefined): Promise<VendorEntity[]> {
    const query = this.db
      .getRepository(VendorEntity)
      .createQueryBuilder("v")
      .where(memberOf.length ? "(v.applied_by = :userId OR v.id IN (:...memberOf))" : "v.applied_by = :userId", {
        userId,
        memberOf,
      })
      .orderBy("v.seq", "ASC")
      .limit(limit);
    if (after !== undefined) query.andWhere("v.seq > :after", { after });
    return query.getMany();
  }
}
