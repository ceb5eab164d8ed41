import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { IdentityContext } from "../context";
import {
  AddVendorStaffResult,
  LastVendorAdminError,
  NoVerifiedAccountError,
  RemoveVendorStaffResult,
} from "./vendor-staff.errors";
import { AddVendorStaffInput, RemoveVendorStaffInput } from "./vendor-staff.inputs";
import type { VendorStaffService } from "./vendor-staff.service";
import { VendorStaffMember, VendorStaffRemoved } from "./vendor-membership.type";

/** A vendor's admins manage who works there. */
@Resolver()
export class VendorStaffResolver {
  constructor(private readonly staff: VendorStaffService) {}

  @Authorized()
  @Mutation(() => AddVendorStaffResult, {
    description:
      "Give a person a role at your vendor (VENDOR_ADMIN of that vendor only), by the email of their account, which must have a verified address. A person who already works there gets the new role instead; their next access token carries it. FORBIDDEN unless your token makes you an admin there.",
  })
  async addVendorStaff(
    @Arg("input", () => AddVendorStaffInput, { description: "The vendor, the person's email and their role." })
    input: AddVendorStaffInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<typeof AddVendorStaffResult> {
    const outcome = await this.staff.addStaff(ctx, input);
    if (outcome instanceof NoVerifiedAccountError || outcome instanceof LastVendorAdminError) return outcome;
    return Object.assign(new VendorStaffMember(), outcome);
  }

  @Authorized()
  @Mutation(() => RemoveVendorStaffResult, {
    description:
      "Take every role a person holds at your vendor away (VENDOR_ADMIN of that vendor only); their access tokens stop within seconds. NOT_FOUND when they hold none there; a vendor keeps at least one admin.",
  })
  async removeVendorStaff(
    @Arg("input", () => RemoveVendorStaffInput, { description: "The vendor and the person." })
    input: RemoveVendorStaffInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<typeof RemoveVendorStaffResult> {
    const outcome = await this.staff.removeStaff(ctx, input);
    if (outcome instanceof LastVendorAdminError) return outcome;
    return Object.assign(new VendorStaffRemoved(), outcome);
  }
}
