import { createUnionType, Field, ObjectType } from "type-graphql";
import { VendorStaffMember, VendorStaffRemoved } from "./vendor-membership.type";

@ObjectType({
  description:
    "No account with a verified address matches this email (there may be none, or its owner has not confirmed the address yet): ask them to register and verify their email, then try again.",
})
export class NoVerifiedAccountError {
  @Field(() => String, { description: "Human-readable explanation." })
  message =
    "There is no account with a verified address for this email. Ask them to sign up and confirm their email, then try again.";
}

@ObjectType({ description: "A vendor keeps at least one admin: make someone else VENDOR_ADMIN first." })
export class LastVendorAdminError {
  @Field(() => String, { description: "Human-readable explanation." })
  message = "This is the vendor's only admin. Make someone else an admin first.";
}

export const AddVendorStaffResult = createUnionType({
  name: "AddVendorStaffResult",
  description: "The person with their role at the vendor, or why they could not be given it.",
  types: () => [VendorStaffMember, NoVerifiedAccountError, LastVendorAdminError] as const,
});

export const RemoveVendorStaffResult = createUnionType({
  name: "RemoveVendorStaffResult",
  description: "Who was removed, or why they could not be.",
  types: () => [VendorStaffRemoved, LastVendorAdminError] as const,
});
