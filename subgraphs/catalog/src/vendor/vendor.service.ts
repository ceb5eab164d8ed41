import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  isPlatformAdmin,
  paginate,
  parseId,
  requireViewer,
  vendorRoleOf,
  writeEvent,
  type BaseContext,
  type Connection,
  type ConnectionArgs,
  type Viewer,
} from "@pawgraph/subgraph-kit";
import { canSeeVendor } from "../access/catalog-access";
import { CATALOG_SCHEMA, VENDOR_APPROVED, VENDOR_REJECTED, VENDOR_SUSPENDED } from "../events";
import { slugify } from "./vendor-codes";
import type { VendorFiles } from "./vendor-files";
import type { VendorEntity } from "./vendor.entity";
import {
  VendorDecision,
  type ApplyAsVendorInput,
  type ReviewVendorInput,
  type SetVendorCommissionInput,
  type SuspendVendorInput,
  type UpdateVendorInput,
} from "./vendor.inputs";
import { toVendor } from "./vendor.mapper";
import { VENDOR_PAGE, isSlugTaken, type VendorRepository } from "./vendor.repository";
import type { VendorFileUpload } from "./vendor-payload.type";
import { VendorStatus, type Vendor } from "./vendor.type";

/** An application that was written, with where to upload its files. */
export interface Applied {
  vendor: VendorEntity;
  logoUpload: VendorFileUpload | null;
  documentUploads: VendorFileUpload[];
}

/** An application refused because the slug is in use (`VendorSlugTakenError`); nothing was written. */
export interface SlugTaken {
  slugTaken: string;
  suggestion: string | null;
}

/**
 * Vendors' onboarding: applications by verified users, review and suspension by platform admins (each
 * announced through the outbox in the same transaction, so identity grants or revokes the memberships
 * exactly when the status changes), their admins' edits, and the lists (docs/decisions/0031).
 */
export class VendorService {
  constructor(
    private readonly db: DataSource,
    private readonly vendors: VendorRepository,
    private readonly files: VendorFiles,
  ) {}

  /** Any signed-in user with a verified email applies; the vendor is PENDING until a platform admin reviews it. */
  async apply(ctx: BaseContext, input: ApplyAsVendorInput): Promise<Applied | SlugTaken> {
    const viewer = requireViewer(ctx.viewer);
    // The clinic first: someone else's clinic is NOT_FOUND whoever asks.
    const clinicId = input.clinicId != null ? this.requireClinicAdmin(viewer, input.clinicId) : null;
    if (!viewer.emailVerified) throw new ForbiddenError("Verify your email address before applying as a vendor");
    if (input.logo) this.files.checkLogo(input.logo, "input.logo");
    const documents = input.documents ?? [];
    documents.forEach((doc, i) => this.files.checkDocument(doc, `input.documents.${i}`));
    const name = input.name.trim();
    const slug = input.slug ?? slugify(name);
    if (slug.length < 2) throw new BadUserInputError("input.slug", "could not be made from the name: give a slug");
    if ((await this.vendors.takenSlugs([slug])).has(slug)) return this.slugTaken(slug);

    const id = randomUUID();
    const logoKey = input.logo ? this.files.newKey(id, "logo") : null;
    const documentKeys = documents.map(() => this.files.newKey(id, "documents"));
    let vendor: VendorEntity;
    try {
      vendor = await this.db.transaction((tx) =>
        this.vendors.insert(tx, {
          id,
          name,
          slug,
          description: input.description?.trim() ?? "",
          logoKey,
          contactEmail: input.contactEmail.trim(),
          contactPhone: input.contactPhone ?? null,
          addressLine: input.address.line.trim(),
          city: input.address.city.trim(),
          postalCode: input.address.postalCode ?? null,
          country: input.address.country,
          currency: input.currency,
          status: VendorStatus.PENDING,
          clinicId,
          businessRegistration: input.businessRegistration?.trim() ?? null,
          documentKeys,
          appliedBy: viewer.userId,
        }),
      );
    } catch (error) {
      if (isSlugTaken(error)) return this.slugTaken(slug);
      throw error;
    }
    return {
      vendor,
      logoUpload: input.logo && logoKey ? await this.files.presignUpload(logoKey, input.logo) : null,
      documentUploads: await Promise.all(documents.map((doc, i) => this.files.presignUpload(documentKeys[i]!, doc))),
    };
  }

  /** Platform admins approve or reject a PENDING vendor; the event goes out in the same transaction. */
  async review(ctx: BaseContext, input: ReviewVendorInput): Promise<VendorEntity> {
    const admin = this.requirePlatformAdmin(ctx.viewer);
    const id = parseId(input.vendorId, "input.vendorId");
    const reason = input.reason?.trim() || null;
    const approve = input.decision === VendorDecision.APPROVE;
    if (!approve && !reason) throw new BadUserInputError("input.reason", "is required to reject a vendor");
    return this.db.transaction(async (tx) => {
      const vendor = await this.vendors.lock(tx, id);
      if (!vendor) throw new NotFoundError("Vendor", "input.vendorId");
      if (vendor.status !== VendorStatus.PENDING)
        throw new BadUserInputError(
          "input.vendorId",
          `The vendor is ${vendor.status}; only PENDING vendors are reviewed`,
        );
      const updated = await this.vendors.update(tx, id, {
        status: approve ? VendorStatus.APPROVED : VendorStatus.REJECTED,
        statusReason: approve ? null : reason,
        reviewedBy: admin.userId,
        reviewedAt: new Date(),
      });
      const common = { vendorId: id, name: vendor.name, appliedBy: vendor.appliedBy };
      await writeEvent(
        tx,
        CATALOG_SCHEMA,
        approve
          ? VENDOR_APPROVED.create(id, { ...common, reviewedBy: admin.userId, clinicId: vendor.clinicId })
          : VENDOR_REJECTED.create(id, { ...common, reason: reason! }),
      );
      return updated;
    });
  }

  /** Platform admins take an APPROVED vendor off the marketplace; identity removes its people's roles. */
  async suspend(ctx: BaseContext, input: SuspendVendorInput): Promise<VendorEntity> {
    const admin = this.requirePlatformAdmin(ctx.viewer);
    const id = parseId(input.vendorId, "input.vendorId");
    const reason = input.reason.trim();
    return this.db.transaction(async (tx) => {
      const vendor = await this.vendors.lock(tx, id);
      if (!vendor) throw new NotFoundError("Vendor", "input.vendorId");
      if (vendor.status !== VendorStatus.APPROVED)
        throw new BadUserInputError(
          "input.vendorId",
          `The vendor is ${vendor.status}; only APPROVED vendors are suspended`,
        );
      const updated = await this.vendors.update(tx, id, {
        status: VendorStatus.SUSPENDED,
        statusReason: reason,
        reviewedBy: admin.userId,
        reviewedAt: new Date(),
      });
      await writeEvent(
        tx,
        CATALOG_SCHEMA,
        VENDOR_SUSPENDED.create(id, { vendorId: id, name: vendor.name, appliedBy: vendor.appliedBy, reason }),
      );
      return updated;
    });
  }

  /** A vendor's VENDOR_ADMINs change its details and logo; others who may see it get FORBIDDEN, the rest NOT_FOUND. */
  async update(
    ctx: BaseContext,
    input: UpdateVendorInput,
  ): Promise<{ vendor: VendorEntity; logoUpload: VendorFileUpload | null }> {
    const viewer = requireViewer(ctx.viewer);
    const id = parseId(input.vendorId, "input.vendorId");
    if (input.logo) this.files.checkLogo(input.logo, "input.logo");
    const logoKey = input.logo ? this.files.newKey(id, "logo") : null;
    const vendor = await this.db.transaction(async (tx) => {
      const row = await this.vendors.lock(tx, id);
      if (!row || !canSeeVendor(viewer, row)) throw new NotFoundError("Vendor", "input.vendorId");
      if (vendorRoleOf(viewer, id) !== "VENDOR_ADMIN")
        throw new ForbiddenError("Only the vendor's admins may change its details");
      const patch: Partial<VendorEntity> = {};
      if (input.description != null) patch.description = input.description.trim();
      if (input.contactEmail != null) patch.contactEmail = input.contactEmail.trim();
      if (input.contactPhone !== undefined) patch.contactPhone = input.contactPhone;
      if (input.address != null) {
        patch.addressLine = input.address.line.trim();
        patch.city = input.address.city.trim();
        patch.postalCode = input.address.postalCode ?? null;
        patch.country = input.address.country;
      }
      if (logoKey) patch.logoKey = logoKey;
      return Object.keys(patch).length ? this.vendors.update(tx, id, patch) : row;
    });
    return {
      vendor,
      logoUpload: input.logo && logoKey ? await this.files.presignUpload(logoKey, input.logo) : null,
    };
  }

  /** Platform admins set or clear a vendor's commission override (orders reads it). */
  async setCommission(ctx: BaseContext, input: SetVendorCommissionInput): Promise<VendorEntity> {
    this.requirePlatformAdmin(ctx.viewer);
    const id = parseId(input.vendorId, "input.vendorId");
    return this.db.transaction(async (tx) => {
      if (!(await this.vendors.lock(tx, id))) throw new NotFoundError("Vendor", "input.vendorId");
      return this.vendors.update(tx, id, { commissionBps: input.commissionBps ?? null });
    });
  }

  /** Approved vendors for everyone; platform admins may list any status (all when `status` is null). */
  async list(ctx: BaseContext, status: VendorStatus | null, args: ConnectionArgs): Promise<Connection<Vendor>> {
    const admin = isPlatformAdmin(ctx.viewer);
    if (!admin && status != null && status !== VendorStatus.APPROVED)
      throw new ForbiddenError("Only platform admins list vendors that are not APPROVED");
    const statuses = admin ? (status ? [status] : null) : [VendorStatus.APPROVED];
    return paginate(args, {
      keyset: VENDOR_PAGE,
      fetch: ({ limit, after }) => this.vendors.page(statuses, limit, after?.[0]),
      map: (row) => toVendor(row, ctx.viewer),
    });
  }

  /** The vendors the viewer applied for or belongs to, whatever their status. */
  async mine(ctx: BaseContext, args: ConnectionArgs): Promise<Connection<Vendor>> {
    const viewer = requireViewer(ctx.viewer);
    const memberOf = viewer.vendorMemberships.map((m) => m.vendorId);
    return paginate(args, {
      keyset: VENDOR_PAGE,
      fetch: ({ limit, after }) => this.vendors.pageOf(viewer.userId, memberOf, limit, after?.[0]),
      map: (row) => toVendor(row, viewer),
    });
  }

  /** A download URL for a vendor's logo. */
  logoUrl(key: string): Promise<string> {
    return this.files.logoUrl(key);
  }

  /** Download URLs of a vendor's verification documents, for platform admins only (null for everyone else). */
  async documentUrls(ctx: BaseContext, vendor: Vendor): Promise<string[] | null> {
    return isPlatformAdmin(ctx.viewer) ? this.files.documentUrls(vendor.documentKeys ?? []) : null;
  }

  /** A clinic shop is opened by one of that clinic's admins (as the token says); anyone else gets NOT_FOUND. */
  private requireClinicAdmin(viewer: Viewer, clinicId: string): string {
    const id = parseId(clinicId, "input.clinicId");
    if (!viewer.memberships.some((m) => m.clinicId === id && m.role === "CLINIC_ADMIN"))
      throw new NotFoundError("Clinic", "input.clinicId");
    return id;
  }

  private requirePlatformAdmin(viewer: Viewer | null): Viewer {
    const signedIn = requireViewer(viewer);
    if (!isPlatformAdmin(signedIn)) throw new ForbiddenError("Only platform admins may do this");
    return signedIn;
  }

  private async slugTaken(slug: string): Promise<SlugTaken> {
    const candidates = [2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${slug.slice(0, 57)}-${n}`);
    const taken = await this.vendors.takenSlugs(candidates);
    return { slugTaken: slug, suggestion: candidates.find((c) => !taken.has(c)) ?? null };
  }
}
