import { randomUUID } from "node:crypto";
import { Client as PgClient } from "pg";
import {
  CreateCategoryDocument,
  CreateProductDocument,
  type CreateProductInput,
} from "../clients/__generated__/graphql";
import { execute, type Stack } from "./stack";

/* Fixture builders for products: categories, products and uploads made through the gateway. */

/** A new root category with a unique slug (platform admins only). */
export async function createCategory(stack: Stack, adminToken: string): Promise<{ id: string; path: string }> {
  const slug = `e2e-${randomUUID().slice(0, 8)}`;
  const category = await execute(
    stack.gateway.url,
    CreateCategoryDocument,
    { input: { slug, name: "Food" } },
    adminToken,
  );
  if (!category.data) throw new Error(`createCategory failed: ${JSON.stringify(category.errors)}`);
  return category.data.createCategory;
}

/** A valid createProduct input for `vendorId` (a EUR vendor): one variant, unique slug and SKU. */
export function buildProduct(
  vendorId: string,
  categoryId: string,
  overrides: Partial<CreateProductInput> = {},
): CreateProductInput {
  const tag = randomUUID().slice(0, 8);
  return {
    vendorId,
    title: `Grain-free chicken kibble ${tag}`,
    description: "**Tasty** and crunchy.",
    brand: "Happy Tails",
    categoryId,
    species: ["DOG"],
    lifeStages: ["ADULT"],
    variants: [{ sku: `CK-${tag}`, title: "2 kg", priceMinor: 1999, currency: "EUR", gtin: "4006381333931" }],
    ...overrides,
  };
}

/** Creates a product, failing the test on any error. */
export async function createProduct(stack: Stack, token: string, input: CreateProductInput) {
  const result = await execute(stack.gateway.url, CreateProductDocument, { input }, token);
  if (!result.data) throw new Error(`createProduct failed: ${JSON.stringify(result.errors)}`);
  return result.data.createProduct;
}

/** Rows of a query on the stack's database, for what the API does not show (the outbox, "nothing written"). */
export async function sql<T>(stack: Stack, query: string, params: unknown[] = []): Promise<T[]> {
  const db = new PgClient({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    return (await db.query(query, params)).rows as T[];
  } finally {
    await db.end();
  }
}

/** PUTs `body` to a presigned upload as a client would. */
export function putUpload(upload: { url: string; headers: { name: string; value: string }[] }, body: Buffer) {
  const headers = Object.fromEntries(upload.headers.map((h) => [h.name, h.value]));
  return fetch(upload.url, { method: "PUT", body, headers: { ...headers, "content-length": String(body.length) } });
}
