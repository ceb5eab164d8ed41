// Generated catalog for `BENCH_ONLY=catalog-search npm run bench`: products with realistic titles and
// descriptions from a fixed seed (the same corpus every run), bulk-inserted with unnest() batches.
import { randomUUID } from "node:crypto";
import type { Client } from "pg";

/** mulberry32: a small seeded PRNG, so every run searches the same corpus. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BRANDS = [
  "Acana",
  "Orijen",
  "Royal Canin",
  "Hill's",
  "Purina",
  "Whiskas",
  "Pedigree",
  "Lily's Kitchen",
  "Applaws",
  "Kong",
  "Trixie",
  "Ruffwear",
  "Frontline",
  "Seresto",
  "Bravecto",
  "Beaphar",
  "Vitakraft",
  "Versele-Laga",
  "Tetra",
  "JBL",
  "Zoo Med",
  "Exo Terra",
  "Burns",
  "Barking Heads",
  "Meowing Heads",
  "Forthglade",
  "Natures Menu",
  "Arden Grange",
  "Canagan",
  "Nutro",
  "Wellness",
  "Taste of the Wild",
  "Almo Nature",
  "Feringa",
  "Café Félin",
];
const FLAVOURS = [
  "chicken",
  "beef",
  "salmon",
  "lamb",
  "duck",
  "turkey",
  "tuna",
  "rabbit",
  "venison",
  "white fish",
  "liver",
  "pork",
];
const SIZES = [
  "400 g",
  "800 g",
  "1.5 kg",
  "2 kg",
  "6 kg",
  "12 kg",
  "12 x 85 g",
  "24 x 100 g",
  "small",
  "medium",
  "large",
];
const SPECIES = ["DOG", "CAT", "RABBIT", "GUINEA_PIG", "HAMSTER", "BIRD", "REPTILE", "FISH", "HORSE"];
const PLURAL: Record<string, string> = {
  DOG: "dogs",
  CAT: "cats",
  RABBIT: "rabbits",
  GUINEA_PIG: "guinea pigs",
  HAMSTER: "hamsters",
  BIRD: "birds",
  REPTILE: "reptiles",
  FISH: "fish",
  HORSE: "horses",
};
const STAGES: [string, string][] = [
  ["JUNIOR", "puppies and kittens"],
  ["ADULT", "adult"],
  ["SENIOR", "senior"],
];
const KINDS: { kind: string; category: string; flavoured: boolean; words: string }[] = [
  { kind: "dry food", category: "food/dry-food", flavoured: true, words: "crunchy kibble, complete and balanced" },
  { kind: "kibble", category: "food/dry-food", flavoured: true, words: "grain-free kibble with prebiotics" },
  { kind: "wet food", category: "food/wet-food", flavoured: true, words: "chunks in gravy, complete meal" },
  { kind: "pâté", category: "food/wet-food", flavoured: true, words: "smooth terrine for fussy eaters" },
  { kind: "treats", category: "food/treats", flavoured: true, words: "training treats, low fat, single protein" },
  { kind: "dental chews", category: "food/treats", flavoured: true, words: "reduces plaque and tartar build-up" },
  { kind: "chew toy", category: "toys", flavoured: false, words: "durable natural rubber, dishwasher safe" },
  { kind: "squeaky ball", category: "toys", flavoured: false, words: "floats in water, bright colours" },
  { kind: "harness", category: "walking", flavoured: false, words: "padded, reflective, adjustable straps" },
  { kind: "lead", category: "walking", flavoured: false, words: "nylon lead with padded handle" },
  { kind: "bed", category: "beds", flavoured: false, words: "orthopaedic memory foam, washable cover" },
  { kind: "shampoo", category: "grooming", flavoured: false, words: "oatmeal and aloe for sensitive skin" },
  { kind: "brush", category: "grooming", flavoured: false, words: "removes loose undercoat, gentle pins" },
  { kind: "flea tablets", category: "health", flavoured: false, words: "kills fleas and ticks within hours" },
  { kind: "joint supplement", category: "health", flavoured: true, words: "glucosamine and green-lipped mussel" },
  { kind: "wormer", category: "health", flavoured: false, words: "broad-spectrum worming for roundworm and tapeworm" },
];
const EXTRAS = [
  "Made in small batches.",
  "No artificial colours or preservatives.",
  "Vet recommended.",
  "Suitable for sensitive stomachs.",
  "Recyclable packaging.",
  "Rich in omega-3 for a shiny coat.",
  "Loved by picky eaters.",
  "Easy to digest.",
  "Helps maintain a healthy weight.",
  "With added vitamins and minerals.",
];

export interface SeededCatalog {
  products: number;
  variants: number;
  seconds: number;
}

/** Inserts `count` products (with 1-3 variants and stock each) from a fixed seed; returns the time taken. */
export async function seedCatalog(db: Client, count: number, seed = 13): Promise<SeededCatalog> {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const started = performance.now();

  const vendorIds: string[] = [];
  for (let i = 0; i < 24; i++) {
    const status = i < 20 ? "APPROVED" : i < 22 ? "PENDING" : "SUSPENDED";
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO catalog.vendors (name, slug, contact_email, address_line, city, country, currency, status, applied_by)
       VALUES ($1, $2, 'shop@example.com', '1 Market Street', 'Berlin', 'DE', 'EUR', $3, $4) RETURNING id`,
      [`Bench Shop ${i}`, `bench-shop-${i}-${randomUUID().slice(0, 6)}`, status, randomUUID()],
    );
    vendorIds.push(rows[0]!.id);
  }
  const locations: string[] = [];
  for (const vendorId of vendorIds) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO catalog.stock_locations (vendor_id, name, country) VALUES ($1, 'Warehouse', 'DE') RETURNING id`,
      [vendorId],
    );
    locations.push(rows[0]!.id);
  }

  // A tree per species: <species>/<kind's category path>.
  const categoryIds = new Map<string, string>();
  const category = async (path: string): Promise<string> => {
    const known = categoryIds.get(path);
    if (known) return known;
    const slash = path.lastIndexOf("/");
    const parentId = slash < 0 ? null : await category(path.slice(0, slash));
    const slug = path.slice(slash + 1);
    const name = slug.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO catalog.categories (parent_id, slug, name, path) VALUES ($1, $2, $3, $4)
       ON CONFLICT (path) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [parentId, slug, name, path],
    );
    categoryIds.set(path, rows[0]!.id);
    return rows[0]!.id;
  };

  let variants = 0;
  const BATCH = 5_000;
  for (let offset = 0; offset < count; offset += BATCH) {
    const p = {
      id: [] as string[],
      vendor: [] as string[],
      category: [] as string[],
      title: [] as string[],
      slug: [] as string[],
      description: [] as string[],
      brand: [] as string[],
      species: [] as string[],
      stages: [] as string[],
      status: [] as string[],
      rx: [] as boolean[],
      codes: [] as string[],
      ratingCount: [] as number[],
      ratingSum: [] as number[],
      created: [] as string[],
    };
    const v = {
      id: [] as string[],
      product: [] as string[],
      vendor: [] as string[],
      sku: [] as string[],
      price: [] as number[],
      active: [] as boolean[],
      location: [] as string[],
      onHand: [] as number[],
    };
    for (let i = offset; i < Math.min(count, offset + BATCH); i++) {
      const id = randomUUID();
      const species = rand() < 0.45 ? "DOG" : rand() < 0.6 ? "CAT" : pick(SPECIES);
      const kind = pick(KINDS);
      const brand = pick(BRANDS);
      const flavour = kind.flavoured ? `${pick(FLAVOURS)} ` : "";
      const [stage, stageWords] = kind.flavoured && rand() < 0.6 ? pick(STAGES) : [null, ""];
      const size = pick(SIZES);
      const title = `${brand} ${flavour}${kind.kind} for ${stageWords ? `${stageWords} ` : ""}${PLURAL[species]}, ${size}`;
      const description = `${kind.words[0]!.toUpperCase()}${kind.words.slice(1)}. ${flavour ? `With real ${flavour.trim()} as the first ingredient. ` : ""}${pick(EXTRAS)} ${pick(EXTRAS)} For ${PLURAL[species]} of all breeds.`;
      const vendorIndex = Math.floor(rand() * vendorIds.length);
      const rx = kind.category === "health" && kind.kind !== "joint supplement" && rand() < 0.5;
      const reviews = rand() < 0.4 ? 1 + Math.floor(rand() * 40) : 0;
      p.id.push(id);
      p.vendor.push(vendorIds[vendorIndex]!);
      p.category.push(await category(`${PLURAL[species]!.replace(/ /g, "-")}/${kind.category}`));
      p.title.push(title);
      p.slug.push(`p-${i}`);
      p.description.push(description);
      p.brand.push(brand);
      p.species.push(`{${species}}`);
      p.stages.push(stage ? `{${stage}}` : "{}");
      p.status.push(rand() < 0.92 ? "ACTIVE" : rand() < 0.5 ? "DRAFT" : "ARCHIVED");
      p.rx.push(rx);
      p.codes.push(rx ? "{QP54AB52}" : "{}");
      p.ratingCount.push(reviews);
      p.ratingSum.push(reviews ? Math.round(reviews * (2.5 + rand() * 2.5)) : 0);
      p.created.push(new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString());
      const variantCount = 1 + Math.floor(rand() * 3);
      const base = 300 + Math.floor(rand() * 6_000);
      for (let n = 0; n < variantCount; n++) {
        v.id.push(randomUUID());
        v.product.push(id);
        v.vendor.push(vendorIds[vendorIndex]!);
        v.sku.push(`B${i}-${n}`);
        v.price.push(base + n * Math.floor(base * 0.8));
        v.active.push(rand() < 0.95);
        v.location.push(locations[vendorIndex]!);
        v.onHand.push(rand() < 0.25 ? 0 : Math.floor(rand() * 60));
      }
    }
    await db.query(
      `INSERT INTO catalog.products (id, vendor_id, category_id, title, slug, description, brand, species, life_stages,
                                     status, prescription_only, medication_codes, rating_count, rating_sum, created_by, created_at)
       SELECT id, vendor_id, category_id, title, slug, description, brand, species::text[], life_stages::text[], status,
              rx, codes::text[], rating_count, rating_sum, gen_random_uuid(), created_at
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::text[], $10::text[], $11::boolean[], $12::text[], $13::int[], $14::int[], $15::timestamptz[])
           AS t(id, vendor_id, category_id, title, slug, description, brand, species, life_stages, status, rx, codes,
                rating_count, rating_sum, created_at)`,
      [
        p.id,
        p.vendor,
        p.category,
        p.title,
        p.slug,
        p.description,
        p.brand,
        p.species,
        p.stages,
        p.status,
        p.rx,
        p.codes,
        p.ratingCount,
        p.ratingSum,
        p.created,
      ],
    );
    await db.query(
      `INSERT INTO catalog.variants (id, product_id, vendor_id, sku, price_minor, currency, active)
       SELECT id, product_id, vendor_id, sku, price, 'EUR', active
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::bigint[], $6::boolean[])
           AS t(id, product_id, vendor_id, sku, price, active)`,
      [v.id, v.product, v.vendor, v.sku, v.price, v.active],
    );
    await db.query(
      `INSERT INTO catalog.stock_levels (variant_id, location_id, on_hand)
       SELECT variant_id, location_id, on_hand FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS t(variant_id, location_id, on_hand)`,
      [v.id, v.location, v.onHand],
    );
    variants += v.id.length;
  }
  await db.query(
    "ANALYZE catalog.products, catalog.variants, catalog.stock_levels, catalog.categories, catalog.vendors",
  );
  return { products: count, variants, seconds: (performance.now() - started) / 1000 };
}
