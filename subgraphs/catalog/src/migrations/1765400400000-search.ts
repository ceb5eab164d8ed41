import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Search (docs/decisions/0030): a weighted full-text document and a "from" price on each product,
 * both kept current by triggers (products are written by another part of this subgraph, categories
 * can be renamed, variants repriced), trigram indexes for typo tolerance, and the indexes that make
 * search's filters and sorts cheap.
 */
export class Search1765400400000 implements MigrationInterface {
  name = "Search1765400400000";

  async up(db: QueryRunner): Promise<void> {
    // Both ship with the embedded PostgreSQL 18 binaries and with Debian's PostgreSQL 15 (checked
    // with pg_available_extensions). Extensions live in "public", like bookings' btree_gist: every
    // reference below is schema-qualified, so nothing depends on a connection's search_path.
    await db.query(`CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);

    // English stemming over unaccent: "Café" and "cafe" meet, and ts_headline highlights the
    // original, accented text (unaccent applied to the text first would lose the accents).
    await db.query(`CREATE TEXT SEARCH CONFIGURATION catalog.search_english (COPY = pg_catalog.english)`);
    await db.query(`
      ALTER TEXT SEARCH CONFIGURATION catalog.search_english
        ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.english_stem`);

    // unaccent() is only STABLE (its dictionary could change); the two-argument form with a fixed
    // dictionary is safe to call IMMUTABLE, which expression indexes require.
    await db.query(`
      CREATE FUNCTION catalog.search_unaccent(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$`);

    // Title 'A' > brand and the names of the category and its ancestors 'B' > description 'C'.
    await db.query(`
      CREATE FUNCTION catalog.product_search_document(title text, brand text, description text, category_id uuid)
        RETURNS tsvector LANGUAGE sql STABLE
        AS $$
          SELECT setweight(to_tsvector('catalog.search_english', title), 'A')
              || setweight(to_tsvector('catalog.search_english', coalesce(brand, '') || ' ' || coalesce((
                   SELECT string_agg(ancestor.name, ' ')
                     FROM catalog.categories own
                     JOIN catalog.categories ancestor
                       ON own.path = ancestor.path OR own.path LIKE ancestor.path || '/%'
                    WHERE own.id = category_id), '')), 'B')
              || setweight(to_tsvector('catalog.search_english', description), 'C')
        $$`);

    await db.query(`ALTER TABLE catalog.products ADD COLUMN search_document tsvector NOT NULL DEFAULT ''`);
    // The lowest price of the product's active variants (what a list shows as "from"); null without one.
    await db.query(`ALTER TABLE catalog.products ADD COLUMN price_from_minor bigint`);

    await db.query(`
      CREATE FUNCTION catalog.products_search_document_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_document := catalog.product_search_document(NEW.title, NEW.brand, NEW.description, NEW.category_id);
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER products_search_document
        BEFORE INSERT OR UPDATE OF title, brand, description, category_id ON catalog.products
        FOR EACH ROW EXECUTE FUNCTION catalog.products_search_document_trigger()`);

    // A renamed or moved category changes the documents of every product in its subtree.
    await db.query(`
      CREATE FUNCTION catalog.categories_search_document_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE catalog.products p
           SET search_document = catalog.product_search_document(p.title, p.brand, p.description, p.category_id)
         WHERE p.category_id IN (
           SELECT c.id FROM catalog.categories c WHERE c.path = NEW.path OR c.path LIKE NEW.path || '/%');
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER categories_search_document
        AFTER UPDATE OF name, path ON catalog.categories
        FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.path IS DISTINCT FROM NEW.path)
        EXECUTE FUNCTION catalog.categories_search_document_trigger()`);

    // Statement-level with transition tables: a bulk import of variants recomputes each product once.
    await db.query(`
      CREATE FUNCTION catalog.variants_price_from_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE catalog.products p
             SET price_from_minor = (SELECT min(v.price_minor) FROM catalog.variants v WHERE v.product_id = p.id AND v.active)
           WHERE p.id IN (SELECT product_id FROM new_rows);
        ELSIF TG_OP = 'UPDATE' THEN
          UPDATE catalog.products p
             SET price_from_minor = (SELECT min(v.price_minor) FROM catalog.variants v WHERE v.product_id = p.id AND v.active)
           WHERE p.id IN (SELECT product_id FROM new_rows UNION SELECT product_id FROM old_rows);
        ELSE
          UPDATE catalog.products p
             SET price_from_minor = (SELECT min(v.price_minor) FROM catalog.variants v WHERE v.product_id = p.id AND v.active)
           WHERE p.id IN (SELECT product_id FROM old_rows);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER variants_price_from_insert AFTER INSERT ON catalog.variants
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION catalog.variants_price_from_trigger()`);
    await db.query(`
      CREATE TRIGGER variants_price_from_update AFTER UPDATE ON catalog.variants
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION catalog.variants_price_from_trigger()`);
    await db.query(`
      CREATE TRIGGER variants_price_from_delete AFTER DELETE ON catalog.variants
        REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION catalog.variants_price_from_trigger()`);

    // Rows written before this migration.
    await db.query(`
      UPDATE catalog.products p
         SET search_document = catalog.product_search_document(p.title, p.brand, p.description, p.category_id),
             price_from_minor = (SELECT min(v.price_minor) FROM catalog.variants v WHERE v.product_id = p.id AND v.active)`);

    // Search only ever reads active products: partial indexes stay small.
    await db.query(
      `CREATE INDEX products_search_idx ON catalog.products USING gin (search_document) WHERE status = 'ACTIVE'`,
    );
    await db.query(`
      CREATE INDEX products_title_trgm_idx ON catalog.products
        USING gin (catalog.search_unaccent(title) public.gin_trgm_ops) WHERE status = 'ACTIVE'`);
    await db.query(`
      CREATE INDEX products_brand_trgm_idx ON catalog.products
        USING gin (catalog.search_unaccent(brand) public.gin_trgm_ops) WHERE status = 'ACTIVE' AND brand IS NOT NULL`);
    await db.query(
      `CREATE INDEX products_price_from_idx ON catalog.products (price_from_minor, id) WHERE status = 'ACTIVE'`,
    );
    await db.query(`CREATE INDEX products_active_seq_idx ON catalog.products (seq DESC) WHERE status = 'ACTIVE'`);
    // Browsing without words counts facets over most of the catalogue: this covering index lets that
    // be an index-only scan of a few MB instead of the heap, which holds descriptions and documents.
    await db.query(`
      CREATE INDEX products_facets_idx ON catalog.products (vendor_id)
        INCLUDE (id, seq, category_id, brand, price_from_minor, species)
        WHERE status = 'ACTIVE' AND price_from_minor IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of [
      "products_facets_idx",
      "products_active_seq_idx",
      "products_price_from_idx",
      "products_brand_trgm_idx",
      "products_title_trgm_idx",
      "products_search_idx",
    ])
      await db.query(`DROP INDEX catalog.${index}`);
    for (const trigger of ["variants_price_from_delete", "variants_price_from_update", "variants_price_from_insert"])
      await db.query(`DROP TRIGGER ${trigger} ON catalog.variants`);
    await db.query(`DROP TRIGGER categories_search_document ON catalog.categories`);
    await db.query(`DROP TRIGGER products_search_document ON catalog.products`);
    await db.query(`DROP FUNCTION catalog.variants_price_from_trigger()`);
    await db.query(`DROP FUNCTION catalog.categories_search_document_trigger()`);
    await db.query(`DROP FUNCTION catalog.products_search_document_trigger()`);
    await db.query(`ALTER TABLE catalog.products DROP COLUMN price_from_minor, DROP COLUMN search_document`);
    await db.query(`DROP FUNCTION catalog.product_search_document(text, text, text, uuid)`);
    await db.query(`DROP FUNCTION catalog.search_unaccent(text)`);
    await db.query(`DROP TEXT SEARCH CONFIGURATION catalog.search_english`);
  }
}
