import { randomUUID } from "node:crypto";
import { Client as PgClient } from "pg";
import {
  ApplyAsVendorDocument,
  CreateCategoryDocument,
  CreateProductDocument,
  RefreshSessionDocument,
  ReviewVendorDocument,
  type ApplyAsVendorInput,
  type ApplyAsVendorMutation,
  type CreateProductInput,
} from "../clients/__generated__/graphql";
import { adminToken, registerVerifiedUser } from "./fixtures";
import { execute } from "./graphql-client";
import type { Stack } from "./stack";

/*
 * Fixture builders for the catalog through the gateway: vendors applied for and approved, categories,
 * products and uploads; and `sql` for what the API does not show. (e2e/catalog-corpus.ts writes
 * catalog's rows directly, for tests that read them.)
 */

/** The vendor memberships an access token carries (its `vendors` claim), as catalog reads them. */
export function vendorClaims(token: string): { vendorId: string; role: string }[] {
  const payload = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as {
    vendors?: { vendorId: string; role: string }[];
  };
  return payload.vendors ?? [];
}

/** A valid application for a shop with a unique name, with `overrides` applied. */
export function buildVendorApplication(overrides: Partial<ApplyAsVendorInput> = {}): ApplyAsVendorInput {
  const suffix = randomUUID().slice(0, 8);
  return {
    name: `Happy Tails ${suffix}`,
    description: "Food and supplies for dogs and cats.",
    contactEmail: `shop-${suffix}@example.test`,
    contactPhone: "+49 30 1234567",
    address: { line: "Hauptstraße 1", city: "Berlin", postalCode: "10115", country: "DE" },
    currency: "EUR",
    businessRegistration: "HRB 12345",
    ...overrides,
  };
}

/** The application `applyAsVendor` answered, or a thrown error (a refusal, or VendorSlugTakenError). */
export function appliedVendor(result: { data?: ApplyAsVendorMutation | null; errors?: unknown }) {
  const applied = result.data?.applyAsVendor;
  if (applied?.__typename !== "VendorApplication")
    throw new Error(`applyAsVendor failed: ${JSON.stringify(result.errors ?? applied)}`);
  return applied;
}

/** Fixture builder: the signed-in user (`token`, verified email) applies as a vendor; it is PENDING. */
export async function applyVendor(
  stack: Pick<Stack, "gateway">,
  token: string,
  overrides: Partial<ApplyAsVendorInput> = {},
) {
  return appliedVendor(
    await execute(stack.gateway.url, ApplyAsVendorDocument, { input: buildVendorApplication(overrides) }, token),
  );
}

/**
 * Refreshes the session until its access token carries `role` at `vendorId`. identity grants vendor
 * roles when it consumes catalog's vendor.approved, a moment after the approval (the outbox relay,
 * then the consumer), as it does for clinic.approved (e2e/bookings.e2e.test.ts).
 */
export async function tokenWithVendorRole(
  stack: Pick<Stack, "gateway">,
  refreshToken: string,
  vendorId: string,
  role = "VENDOR_ADMIN",
): Promise<{ token: string; refreshToken: string }> {
  let current = refreshToken;
  for (let attempt = 0; attempt < 100; attempt++) {
    const refreshed = await execute(stack.gateway.url, RefreshSessionDocument, { input: { refreshToken: current } });
    if (!refreshed.data) throw new Error(`refresh failed: ${JSON.stringify(refreshed.errors)}`);
    const session = refreshed.data.refreshSession;
    current = session.refreshToken;
    if (vendorClaims(session.accessToken).some((m) => m.vendorId === vendorId && m.role === role))
      return { token: session.accessToken, refreshToken: current };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${role} at vendor ${vendorId} in the token after 10 s (is identity consuming vendor.approved?)`);
}

/**
 * Fixture builder: a new verified user applies as a vendor and a platform admin approves it; returns
 * the vendor and a fresh access token carrying VENDOR_ADMIN for it.
 */
export async function approvedVendor(stack: Stack, label = "vendor", overrides: Partial<ApplyAsVendorInput> = {}) {
  const applicant = await registerVerifiedUser(stack, label);
  const { vendor } = await applyVendor(stack, applicant.token, overrides);
  const reviewed = await execute(
    stack.gateway.url,
    ReviewVendorDocument,
    { input: { vendorId: vendor.id, decision: "APPROVE" } },
    await adminToken(stack),
  );
  if (reviewed.errors) throw new Error(`reviewVendor failed: ${JSON.stringify(reviewed.errors)}`);
  const session = await tokenWithVendorRole(stack, applicant.refreshToken, vendor.id);
  return {
    vendorId: vendor.id,
    slug: vendor.slug,
    token: session.token,
    refreshToken: session.refreshToken,
    email: applicant.email,
    userId: applicant.user.id,
  };
}

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
