import { In, type DataSource } from "typeorm";
import { VendorEntity } from "./vendor.entity";

/** Queries of the `vendors` table. */
export class VendorRepository {
  constructor(private readonly db: DataSource) {}

  byIds(ids: readonly string[]): Promise<VendorEntity[]> {
    return this.db.getRepository(VendorEntity).findBy({ id: In([...ids]) });
  }

  bySlug(slug: string): Promise<VendorEntity | null> {
    return this.db.getRepository(VendorEntity).findOneBy({ slug });
  }
}
