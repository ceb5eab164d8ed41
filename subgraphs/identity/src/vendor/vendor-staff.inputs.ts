import { IsEmail, IsUUID, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { VendorRole } from "./vendor-membership.type";

@InputType({ description: "Give a person a role at your vendor, by the email of their account." })
export class AddVendorStaffInput {
  @IsUUID()
  @Field(() => ID, { description: "The vendor; you must be its VENDOR_ADMIN." })
  vendorId!: string;

  @IsEmail({}, { message: "must be a valid email address" })
  @MaxLength(254)
  @Field(() => String, {
    description: "Email of the person's Pawgraph account; it must have a verified address.",
  })
  email!: string;

  @Field(() => VendorRole, {
    description: "Their role at the vendor. A person who already has one there gets this one instead.",
  })
  role!: VendorRole;
}

@InputType({ description: "Take away every role a person holds at your vendor." })
export class RemoveVendorStaffInput {
  @IsUUID()
  @Field(() => ID, { description: "The vendor; you must be its VENDOR_ADMIN." })
  vendorId!: string;

  @IsUUID()
  @Field(() => ID, { description: "The person to remove." })
  userId!: string;
}
