import { randomUUID } from "node:crypto";
import { Client as PgClient } from "pg";
import { createEventBus, createLogger, type DomainEvent } from "@pawgraph/subgraph-kit";
import { login } from "./fixtures";
import { eventually, type Stack } from "./stack";

/*
 * Vendors as identity sees them: catalog's vendor events, published on the stack's event bus the way
 * catalog's relay publishes them. Until catalog can apply and approve vendors through the gateway,
 * this is how a test makes someone a vendor's admin.
 */

/** Publishes one of catalog's events (`vendor.approved`, `stock.low`, ...) on the stack's bus. */
export async function publishCatalogEvent(
  stack: Pick<Stack, "databaseUrl" | "eventStream">,
  type: string,
  aggregateId: string,
  payload: Record<string, unknown>,
): Promise<DomainEvent> {
  const bus = await createEventBus({
    redisUrl: process.env.REDIS_URL,
    database: stack.databaseUrl,
    redis: { stream: stack.eventStream },
    log: createLogger("test-bus"),
  });
  const event = { id: randomUUID(), type, aggregateId, source: "catalog", occurredAt: new Date(), payload };
  try {
    await bus.publish([event]);
  } finally {
    await bus.close();
  }
  return event;
}

/** The roles identity holds for the user at the vendor, read from its table. */
export async function vendorRolesIn(stack: Pick<Stack, "databaseUrl">, userId: string, vendorId: string) {
  const db = new PgClient({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ role: string }>(
      `SELECT role FROM identity.vendor_memberships WHERE user_id = $1 AND vendor_id = $2 ORDER BY role`,
      [userId, vendorId],
    );
    return rows.map((r) => r.role);
  } finally {
    await db.end();
  }
}

/**
 * A vendor approved by catalog for `applicant`, once identity has made them its VENDOR_ADMIN; with a
 * fresh sign-in whose token carries it.
 */
export async function approvedVendor(
  stack: Stack,
  applicant: { email: string; user: { id: string } },
  name = `Vendor ${randomUUID().slice(0, 6)}`,
): Promise<{ vendorId: string; name: string; token: string; refreshToken: string }> {
  const vendorId = randomUUID();
  await publishCatalogEvent(stack, "vendor.approved", vendorId, {
    vendorId,
    name,
    appliedBy: applicant.user.id,
    reviewedBy: randomUUID(),
  });
  const roles = await eventually(
    () => vendorRolesIn(stack, applicant.user.id, vendorId),
    (r) => r.length > 0,
    15_000,
  );
  if (!roles.includes("VENDOR_ADMIN")) throw new Error(`identity did not apply vendor.approved for ${vendorId}`);
  const signedIn = (await login(stack, applicant.email)).data?.login;
  if (signedIn?.__typename !== "AuthPayload") throw new Error(`sign-in failed: ${JSON.stringify(signedIn)}`);
  return { vendorId, name, token: signedIn.accessToken, refreshToken: signedIn.refreshToken };
}
