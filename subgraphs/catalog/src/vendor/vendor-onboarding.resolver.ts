import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { CatalogContext } from "../context";
import { ApplyAsVendorResult, VendorSlugTakenError } from "./vendor.errors";
import {
  ApplyAsVendorInput,
  ReviewVendorInput,
  SetVendorCommissionInput,
  SuspendVendorInput,
  UpdateVendorInput,
} from "./vendor.inputs";
import { toVendor } from "./vendor.mapper";
import type { VendorService } from "./vendor.service";
import { UpdateVendorPayload, VendorApplication } from "./vendor-payload.type";
import { Vendor } from "./vendor.type";

/** Vendors' onboarding mutations: apply, review, suspend, edit, commission. Rules live in VendorService. */
@Resolver(() => Vendor)
export class VendorOnboardingResolver {
  constructor(private readonly vendorService: VendorService) {}

  @Authorized()
  @Mutation(() => ApplyAsVendorResult, {
    description:
      "Apply to sell on Pawgraph (signed-in users with a verified email). The vendor is PENDING until a platform admin reviews it; upload the declared logo and documents to the URLs in the answer.",
  })
  async applyAsVendor(
    @Arg("input", () => ApplyAsVendorInput, { description: "The business and its files." }) input: ApplyAsVendorInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<typeof ApplyAsVendorResult> {
    const result = await this.vendorService.apply(ctx, input);
    if ("slugTaken" in result) {
      return Object.assign(new VendorSlugTakenError(), {
        message: `The slug "${result.slugTaken}" is taken: choose another.`,
        slug: result.slugTaken,
        suggestion: result.suggestion,
      });
    }
    return Object.assign(new VendorApplication(), {
      vendor: toVendor(result.vendor, ctx.viewer),
      logoUpload: result.logoUpload,
      documentUploads: result.documentUploads,
    });
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => Vendor, {
    description:
      "Approve or reject a PENDING vendor (platform admins). Approval makes the shop public and its applicant its VENDOR_ADMIN (in their next access token); rejection tells the applicant the reason.",
  })
  async reviewVendor(
    @Arg("input", () => ReviewVendorInput, { description: "The decision." }) input: ReviewVendorInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<Vendor> {
    return toVendor(await this.vendorService.review(ctx, input), ctx.viewer);
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => Vendor, {
    description:
      "Suspend an APPROVED vendor (platform admins): it and its products leave the shop, and its people lose their vendor roles.",
  })
  async suspendVendor(
    @Arg("input", () => SuspendVendorInput, { description: "The vendor and why." }) input: SuspendVendorInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<Vendor> {
    return toVendor(await this.vendorService.suspend(ctx, input), ctx.viewer);
  }

  @Authorized()
  @Mutation(() => UpdateVendorPayload, {
    description: "Change your vendor's description, contact details, address or logo (its VENDOR_ADMINs).",
  })
  async updateVendor(
    @Arg("input", () => UpdateVendorInput, { description: "The changes." }) input: UpdateVendorInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<UpdateVendorPayload> {
    const { vendor, logoUpload } = await this.vendorService.update(ctx, input);
    return { vendor: toVendor(vendor, ctx.viewer), logoUpload };
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => Vendor, {
    description: "Set or clear a vendor's commission override in basis points (platform admins).",
  })
  async setVendorCommission(
    @Arg("input", () => SetVendorCommissionInput, { description: "The vendor and its commission." })
    input: SetVendorCommissionInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<Vendor> {
    return toVendor(await this.vendorService.setCommission(ctx, input), ctx.viewer);
  }
}
