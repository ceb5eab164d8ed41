import type { MigrationInterface, QueryRunner } from "typeorm";
import { outboxMigrationSql } from "@pawgraph/subgraph-kit";

/**
 * Vendors and their review, the category tree, products with their images, variants, and the outbox.
 * Stock, search and reviews add their own tables in later migrations.
 */
export class Initial1765400000000 implements MigrationInterface {
  name = "Initial1765400000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE catalog.vendors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        name text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        description text NOT NULL DEFAULT '',
        logo_key text,
        contact_email text NOT NULL,
        contact_phone text,
        address_line text NOT NULL,
        city text NOT NULL,
        postal_code text,
        country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'SUSPENDED')),
        commission_bps integer CHECK (commission_bps BETWEEN 0 AND 10000),
        clinic_id uuid,
        business_registration text,
        document_keys text[] NOT NULL DEFAULT '{}',
        applied_by uuid NOT NULL,
        reviewed_by uuid,
        reviewed_at timestamptz,
        status_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX vendors_status_idx ON catalog.vendors (status, seq)`);
    await db.query(`CREATE INDEX vendors_applied_by_idx ON catalog.vendors (applied_by)`);
    await db.query(`
      CREATE TABLE catalog.categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        parent_id uuid REFERENCES catalog.categories(id),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
        path text NOT NULL UNIQUE,
        position integer NOT NULL DEFAULT 0,
        UNIQUE (parent_id, slug)
      )`);
    // Subtree filters read "path = $1 OR path LIKE $1 || '/%'".
    await db.query(`CREATE INDEX categories_path_idx ON catalog.categories (path text_pattern_ops)`);
    await db.query(`
      CREATE TABLE catalog.products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        vendor_id uuid NOT NULL REFERENCES catalog.vendors(id),
        title text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        description text NOT NULL DEFAULT '',
        brand text,
        category_id uuid NOT NULL REFERENCES catalog.categories(id),
        species text[] NOT NULL DEFAULT '{}',
        life_stages text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'ACTIVE', 'ARCHIVED')),
        prescription_only boolean NOT NULL DEFAULT false,
        medication_codes text[] NOT NULL DEFAULT '{}',
        unpublished_reason text,
        unpublished_by uuid,
        rating_count integer NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
        rating_sum integer NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
        created_by uuid NOT NULL,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (vendor_id, slug),
        CHECK (NOT prescription_only OR cardinality(medication_codes) > 0)
      )`);
    await db.query(`CREATE INDEX products_vendor_idx ON catalog.products (vendor_id, seq)`);
    await db.query(`CREATE INDEX products_category_idx ON catalog.products (category_id)`);
    await db.query(`
      CREATE TABLE catalog.product_images (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES catalog.products(id) ON DELETE CASCADE,
        position integer NOT NULL,
        file_key text NOT NULL,
        content_type text NOT NULL,
        byte_size integer NOT NULL CHECK (byte_size > 0),
        alt text NOT NULL DEFAULT '',
        width integer,
        height integer,
        thumbnail_key text,
        medium_key text,
        status text NOT NULL DEFAULT 'UPLOADING' CHECK (status IN ('UPLOADING', 'READY', 'FAILED')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX product_images_product_idx ON catalog.product_images (product_id, position)`);
    await db.query(`
      CREATE TABLE catalog.variants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        product_id uuid NOT NULL REFERENCES catalog.products(id) ON DELETE CASCADE,
        vendor_id uuid NOT NULL REFERENCES catalog.vendors(id),
        sku text NOT NULL CHECK (length(sku) BETWEEN 1 AND 64),
        title text NOT NULL DEFAULT '',
        options jsonb NOT NULL DEFAULT '[]',
        gtin text CHECK (gtin ~ '^[0-9]{8}$|^[0-9]{12,14}$'),
        price_minor bigint NOT NULL CHECK (price_minor >= 0),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        compare_at_minor bigint CHECK (compare_at_minor >= 0),
        weight_grams integer CHECK (weight_grams >= 0),
        length_mm integer CHECK (length_mm > 0),
        width_mm integer CHECK (width_mm > 0),
        height_mm integer CHECK (height_mm > 0),
        tax_category text NOT NULL DEFAULT 'STANDARD',
        active boolean NOT NULL DEFAULT true,
        out_of_stock_threshold integer NOT NULL DEFAULT 0 CHECK (out_of_stock_threshold >= 0),
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (vendor_id, sku)
      )`);
    await db.query(`CREATE INDEX variants_product_idx ON catalog.variants (product_id, position, seq)`);
    for (const statement of outboxMigrationSql("catalog").up) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of outboxMigrationSql("catalog").down) await db.query(statement);
    for (const table of ["variants", "product_images", "products", "categories", "vendors"])
      await db.query(`DROP TABLE catalog.${table}`);
  }
}
