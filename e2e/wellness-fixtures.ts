import {
  AddClinicServiceDocument,
  CreateClinicDocument,
  GrantRoleDocument,
  RefreshSessionDocument,
  ReviewClinicDocument,
  ReviewVendorDocument,
} from "../clients/__generated__/graphql";
import { addVet } from "./bookings-fixtures";
import { applyVendor, tokenWithVendorRole } from "./catalog-fixtures";
import { adminToken, registerVerifiedUser } from "./fixtures";
import { productWithStock, type ShopVariant } from "./orders-fixtures";
import { execute } from "./graphql-client";
import type { Stack } from "./stack";

function ok<T>(result: { data?: T | null; errors?: unknown }, what: string): T {
  if (!result.data) throw new Error(`${what} failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/**
 * A clinic with its own shop, as a clinic runs one: its admin (a verified user) creates the clinic,
 * a platform admin approves it and grants CLINIC_ADMIN, the admin applies for a shop for the clinic,
 * it is approved, and the shop sells one published, stocked product with `variants`. EUR in Berlin.
 * The admin's token carries both roles; the clinic offers two services.
 */
export async function clinicWithShop(stack: Stack, variants: ShopVariant[]) {
  const admin = await adminToken(stack);
  const founder = await registerVerifiedUser(stack, "clinic-shop");
  const clinicId = ok(
    await execute(
      stack.gateway.url,
      CreateClinicDocument,
      {
        input: {
          name: `Wellness Clinic ${founder.user.id.slice(0, 6)}`,
          addressLine: "Hauptstraße 1",
          city: "Berlin",
          postalCode: "10115",
          country: "DE",
          latitude: 52.52,
          longitude: 13.405,
          timeZone: "Europe/Berlin",
        },
      },
      founder.token,
    ),
    "createClinic",
  ).createClinic.id;
  ok(
    await execute(stack.gateway.url, ReviewClinicDocument, { input: { clinicId, approve: true } }, admin),
    "reviewClinic",
  );
  ok(
    await execute(
      stack.gateway.url,
      GrantRoleDocument,
      { input: { userId: founder.user.id, role: "CLINIC_ADMIN", clinicId } },
      admin,
    ),
    "grantRole",
  );
  const refreshed = ok(
    await execute(stack.gateway.url, RefreshSessionDocument, { input: { refreshToken: founder.refreshToken } }),
    "refreshSession",
  ).refreshSession;
  const services: { id: string; name: string }[] = [];
  for (const name of ["Wellness check-up", "Vaccination"]) {
    const added = ok(
      await execute(
        stack.gateway.url,
        AddClinicServiceDocument,
        { input: { clinicId, name, durationMinutes: 30, priceCents: 5500, kind: "IN_PERSON" } },
        refreshed.accessToken,
      ),
      "addClinicService",
    );
    services.push({ id: added.addClinicService.id, name });
  }
  const { vendor } = await applyVendor(stack, refreshed.accessToken, {
    clinicId,
    currency: "EUR",
    address: { line: "Hauptstraße 1", city: "Berlin", postalCode: "10115", country: "DE" },
  });
  ok(
    await execute(
      stack.gateway.url,
      ReviewVendorDocument,
      { input: { vendorId: vendor.id, decision: "APPROVE" } },
      admin,
    ),
    "reviewVendor",
  );
  const session = await tokenWithVendorRole(stack, refreshed.refreshToken, vendor.id);
  const clinicAdmin = { ...founder, token: session.token, refreshToken: session.refreshToken };
  const shop = await productWithStock(stack, { vendorId: vendor.id, token: session.token }, variants, {
    currency: "EUR",
    country: "DE",
  });
  const vet = await addVet(stack, clinicId, clinicAdmin.token);
  return { clinicId, clinicAdmin, services, vet, ...shop };
}
