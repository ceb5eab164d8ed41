import {
  ApplyAsVendorDocument,
  MyVendorsDocument,
  ReviewVendorDocument,
  SetVendorCommissionDocument,
  SuspendVendorDocument,
  UpdateVendorDocument,
  VendorByIdDocument,
  VendorsDocument,
  type ApplyAsVendorInput,
  type VendorsQuery,
} from "../clients/__generated__/graphql";
import {
  applyVendor,
  approvedVendor,
  buildVendorApplication,
  tokenWithVendorRole,
  vendorClaims,
} from "./catalog-fixtures";
import { adminToken, execute, onlyError, registerUser, registerVerifiedUser, startStack, type Stack } from "./harness";

/*
 * Vendors' onboarding through the gateway: a verified user applies, a platform admin approves (the
 * applicant's next token makes them the shop's VENDOR_ADMIN) or rejects with a reason, and may later
 * suspend the shop. Pending, rejected and suspended shops are not public.
 */

let stack: Stack;
let admin: string;

beforeAll(async () => {
  stack = await startStack();
  admin = await adminToken(stack);
});

afterAll(async () => {
  await stack?.stop();
});

const apply = (token: string, input: ApplyAsVendorInput) =>
  execute(stack.gateway.url, ApplyAsVendorDocument, { input }, token);
const vendorById = (id: string, token?: string) => execute(stack.gateway.url, VendorByIdDocument, { id }, token);
const review = (vendorId: string, decision: "APPROVE" | "REJECT", token: string, reason?: string) =>
  execute(stack.gateway.url, ReviewVendorDocument, { input: { vendorId, decision, reason } }, token);
const myVendors = async (token: string) =>
  (await execute(stack.gateway.url, MyVendorsDocument, {}, token)).data!.myVendors!.edges.map((e) => e.node);

describe("applying as a vendor", () => {
  it("needs a verified email address", async () => {
    const unverified = await registerUser(stack, "unverified-vendor");
    const result = await apply(unverified.token, buildVendorApplication());
    expect(onlyError(result)).toMatchObject({
      extensions: { code: "FORBIDDEN" },
      message: expect.stringMatching(/verify your email/i),
    });
    expect(await myVendors(unverified.token)).toEqual([]);
  });

  it("refuses each bad input with BAD_USER_INPUT naming the field, and writes nothing", async () => {
    const applicant = await registerVerifiedUser(stack, "careless-vendor");
    const bad: [string, Partial<ApplyAsVendorInput>][] = [
      ["input.name", { name: " " }],
      ["input.slug", { slug: "Not A Slug" }],
      ["input.contactEmail", { contactEmail: "not-an-email" }],
      ["input.contactPhone", { contactPhone: "call me" }],
      ["input.address.country", { address: { line: "Road 1", city: "Berlin", country: "XX" } }],
      ["input.address.city", { address: { line: "Road 1", city: " ", country: "DE" } }],
      ["input.currency", { currency: "ABC" }],
      ["input.logo.contentType", { logo: { fileName: "logo.gif", contentType: "image/gif", sizeBytes: 100 } }],
      ["input.logo.sizeBytes", { logo: { fileName: "logo.png", contentType: "image/png", sizeBytes: 3_000_000 } }],
      ["input.logo.fileName", { logo: { fileName: "../logo.png", contentType: "image/png", sizeBytes: 100 } }],
      [
        "input.documents.1.contentType",
        {
          documents: [
            { fileName: "registration.pdf", contentType: "application/pdf", sizeBytes: 1000 },
            { fileName: "licence.zip", contentType: "application/zip", sizeBytes: 1000 },
          ],
        },
      ],
      [
        "input.documents.0.sizeBytes",
        { documents: [{ fileName: "huge.pdf", contentType: "application/pdf", sizeBytes: 50_000_000 }] },
      ],
      ["input.clinicId", { clinicId: "not-an-id" }],
    ];
    for (const [field, overrides] of bad) {
      const result = await apply(applicant.token, buildVendorApplication(overrides));
      expect({ field, error: onlyError(result).extensions }).toEqual({
        field,
        error: expect.objectContaining({ code: "BAD_USER_INPUT", field }),
      });
    }
    expect(await myVendors(applicant.token)).toEqual([]);
  });

  it("opens a clinic's shop only for that clinic's admins (NOT_FOUND otherwise)", async () => {
    const applicant = await registerVerifiedUser(stack, "not-clinic-admin");
    const result = await apply(
      applicant.token,
      buildVendorApplication({ clinicId: "0e1d2c3b-4a59-4687-9a8b-7c6d5e4f3a21" }),
    );
    expect(onlyError(result).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.clinicId" });
    expect(await myVendors(applicant.token)).toEqual([]);
  });

  it("derives the slug from the name and answers VendorSlugTakenError, with a free suggestion, for a taken one", async () => {
    const applicant = await registerVerifiedUser(stack, "slug-vendor");
    const first = await applyVendor(stack, applicant.token, { name: `Café Müller ${Date.now()}` });
    expect(first.vendor.slug).toMatch(/^cafe-muller-\d+$/);
    const again = await apply(applicant.token, buildVendorApplication({ slug: first.vendor.slug }));
    expect(again.data?.applyAsVendor).toEqual({
      __typename: "VendorSlugTakenError",
      message: expect.stringContaining(first.vendor.slug),
      slug: first.vendor.slug,
      suggestion: `${first.vendor.slug}-2`,
    });
    expect((await myVendors(applicant.token)).map((v) => v.id)).toEqual([first.vendor.id]);
  });

  it("hands out presigned uploads for the declared logo and documents", async () => {
    const applicant = await registerVerifiedUser(stack, "files-vendor");
    const applied = await applyVendor(stack, applicant.token, {
      logo: { fileName: "logo.png", contentType: "image/png", sizeBytes: 4 },
      documents: [{ fileName: "registration.pdf", contentType: "application/pdf", sizeBytes: 5 }],
    });
    expect(applied.logoUpload).toMatchObject({ fileName: "logo.png", method: "PUT" });
    expect(applied.documentUploads.map((u) => u.fileName)).toEqual(["registration.pdf"]);
    const put = await fetch(applied.logoUpload!.url, {
      method: "PUT",
      headers: Object.fromEntries(applied.logoUpload!.headers.map((h) => [h.name, h.value])),
      body: new Uint8Array([137, 80, 78, 71]),
    });
    expect(put.ok).toBe(true);
    const logoUrl = applied.vendor.logoUrl!;
    expect(Buffer.from(await (await fetch(logoUrl)).arrayBuffer())).toEqual(Buffer.from([137, 80, 78, 71]));
  });
});

describe("a vendor's review", () => {
  it("keeps a pending vendor from anonymous users and others, but shows it to its applicant and admins", async () => {
    const applicant = await registerVerifiedUser(stack, "pending-vendor");
    const { vendor } = await applyVendor(stack, applicant.token);
    expect(vendor.status).toBe("PENDING");
    const other = await registerVerifiedUser(stack, "nosy");
    expect(onlyError(await vendorById(vendor.id)).extensions).toMatchObject({ code: "NOT_FOUND", field: "id" });
    expect(onlyError(await vendorById(vendor.id, other.token)).extensions).toMatchObject({ code: "NOT_FOUND" });
    expect((await vendorById(vendor.id, applicant.token)).data?.vendor?.status).toBe("PENDING");
    expect((await vendorById(vendor.id, admin)).data?.vendor?.status).toBe("PENDING");
    const publicIds = await allVendorIds();
    expect(publicIds).not.toContain(vendor.id);
    const pending = await execute(stack.gateway.url, VendorsDocument, { status: "PENDING", first: 100 }, other.token);
    expect(onlyError(pending).extensions).toMatchObject({ code: "FORBIDDEN" });
  });

  it("approval makes the applicant its VENDOR_ADMIN in their next token and the shop public", async () => {
    const applicant = await registerVerifiedUser(stack, "approved-vendor");
    const { vendor } = await applyVendor(stack, applicant.token);
    expect(vendorClaims(applicant.token)).toEqual([]);
    const approved = await review(vendor.id, "APPROVE", admin);
    expect(approved.data?.reviewVendor).toMatchObject({ id: vendor.id, status: "APPROVED", statusReason: null });
    const session = await tokenWithVendorRole(stack, applicant.refreshToken, vendor.id);
    expect(vendorClaims(session.token)).toEqual([{ vendorId: vendor.id, role: "VENDOR_ADMIN" }]);
    expect((await vendorById(vendor.id)).data?.vendor).toMatchObject({ status: "APPROVED", name: vendor.name });
    expect(await allVendorIds()).toContain(vendor.id);
    // Reviewed once: a second decision is refused.
    const again = await review(vendor.id, "REJECT", admin, "Changed my mind");
    expect(onlyError(again).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.vendorId" });
  });

  it("rejection needs a reason, which only the applicant and admins see", async () => {
    const applicant = await registerVerifiedUser(stack, "rejected-vendor");
    const { vendor } = await applyVendor(stack, applicant.token);
    const noReason = await review(vendor.id, "REJECT", admin);
    expect(onlyError(noReason).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reason" });
    const reason = "The business registration number could not be verified.";
    const rejected = await review(vendor.id, "REJECT", admin, reason);
    expect(rejected.data?.reviewVendor).toMatchObject({ status: "REJECTED", statusReason: reason });
    expect((await vendorById(vendor.id, applicant.token)).data?.vendor).toMatchObject({
      status: "REJECTED",
      statusReason: reason,
    });
    expect(await myVendors(applicant.token)).toEqual([
      { id: vendor.id, name: vendor.name, status: "REJECTED", statusReason: reason },
    ]);
    const other = await registerVerifiedUser(stack, "nosy");
    expect(onlyError(await vendorById(vendor.id, other.token)).extensions).toMatchObject({ code: "NOT_FOUND" });
    expect(onlyError(await vendorById(vendor.id)).extensions).toMatchObject({ code: "NOT_FOUND" });
  });

  it("is for platform admins only: others get FORBIDDEN for review, suspension and commission", async () => {
    const applicant = await registerVerifiedUser(stack, "self-approver");
    const { vendor } = await applyVendor(stack, applicant.token);
    expect(onlyError(await review(vendor.id, "APPROVE", applicant.token)).extensions).toMatchObject({
      code: "FORBIDDEN",
    });
    const suspend = await execute(
      stack.gateway.url,
      SuspendVendorDocument,
      { input: { vendorId: vendor.id, reason: "no" } },
      applicant.token,
    );
    expect(onlyError(suspend).extensions).toMatchObject({ code: "FORBIDDEN" });
    const commission = await execute(
      stack.gateway.url,
      SetVendorCommissionDocument,
      { input: { vendorId: vendor.id, commissionBps: 0 } },
      applicant.token,
    );
    expect(onlyError(commission).extensions).toMatchObject({ code: "FORBIDDEN" });
    expect((await vendorById(vendor.id, applicant.token)).data?.vendor?.status).toBe("PENDING");
  });
});

describe("an approved vendor", () => {
  it("is edited by its VENDOR_ADMIN only", async () => {
    const shop = await approvedVendor(stack, "editing-vendor");
    const updated = await execute(
      stack.gateway.url,
      UpdateVendorDocument,
      {
        input: {
          vendorId: shop.vendorId,
          description: "Now with cat food.",
          address: { line: "Marktplatz 2", city: "Hamburg", country: "DE" },
        },
      },
      shop.token,
    );
    expect(updated.data?.updateVendor.vendor).toMatchObject({
      description: "Now with cat food.",
      address: { line: "Marktplatz 2", city: "Hamburg", postalCode: null, country: "DE" },
    });
    const stranger = await registerVerifiedUser(stack, "stranger");
    const refused = await execute(
      stack.gateway.url,
      UpdateVendorDocument,
      { input: { vendorId: shop.vendorId, description: "Hijacked" } },
      stranger.token,
    );
    expect(onlyError(refused).extensions).toMatchObject({ code: "FORBIDDEN" });
    expect((await vendorById(shop.vendorId)).data?.vendor?.description).toBe("Now with cat food.");
  });

  it("gets a commission override that only its people and admins see", async () => {
    const shop = await approvedVendor(stack, "commission-vendor");
    const set = await execute(
      stack.gateway.url,
      SetVendorCommissionDocument,
      { input: { vendorId: shop.vendorId, commissionBps: 1250 } },
      admin,
    );
    expect(set.data?.setVendorCommission).toEqual({ id: shop.vendorId, commissionBps: 1250 });
    expect((await vendorById(shop.vendorId, shop.token)).data?.vendor?.commissionBps).toBe(1250);
    expect((await vendorById(shop.vendorId)).data?.vendor?.commissionBps).toBeNull();
    const tooMuch = await execute(
      stack.gateway.url,
      SetVendorCommissionDocument,
      { input: { vendorId: shop.vendorId, commissionBps: 10_001 } },
      admin,
    );
    expect(onlyError(tooMuch).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.commissionBps" });
  });

  it("suspended with a reason leaves the public shop", async () => {
    const shop = await approvedVendor(stack, "suspended-vendor");
    const noReason = await execute(
      stack.gateway.url,
      SuspendVendorDocument,
      { input: { vendorId: shop.vendorId, reason: " " } },
      admin,
    );
    expect(onlyError(noReason).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reason" });
    const reason = "Repeated complaints about expired products.";
    const suspended = await execute(
      stack.gateway.url,
      SuspendVendorDocument,
      { input: { vendorId: shop.vendorId, reason } },
      admin,
    );
    expect(suspended.data?.suspendVendor).toMatchObject({ status: "SUSPENDED", statusReason: reason });
    expect(onlyError(await vendorById(shop.vendorId)).extensions).toMatchObject({ code: "NOT_FOUND" });
    expect(await allVendorIds()).not.toContain(shop.vendorId);
    const listed = await execute(stack.gateway.url, VendorsDocument, { status: "SUSPENDED", first: 100 }, admin);
    expect(listed.data?.vendors?.edges.map((e) => e.node.id)).toContain(shop.vendorId);
  });
});

/** Every vendor an anonymous visitor can list, page by page. */
async function allVendorIds(): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null | undefined = null;
  do {
    const page: VendorsQuery["vendors"] | undefined = (
      await execute(stack.gateway.url, VendorsDocument, { first: 100, after })
    ).data?.vendors;
    ids.push(...page!.edges.map((e) => e.node.id));
    after = page!.pageInfo.hasNextPage ? page!.pageInfo.endCursor : null;
  } while (after);
  return ids;
}
