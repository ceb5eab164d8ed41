import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { User } from "../user/user.type";

/** The roles a user can hold at a vendor. */
export enum VendorRole {
  VENDOR_ADMIN = "VENDOR_ADMIN",
  VENDOR_STAFF = "VENDOR_STAFF",
}

registerEnumType(VendorRole, {
  name: "VendorRole",
  description: "What a user may do at one vendor (a seller in the catalog).",
  valuesConfig: {
    VENDOR_ADMIN: {
      description: "Manages the vendor: its products and stock, and who works there (`addVendorStaff`).",
    },
    VENDOR_STAFF: { description: "Works for the vendor: keeps its products and stock up to date." },
  },
});

/** A user's role at one vendor. */
@ObjectType({ description: "A role a user holds at one vendor." })
export class VendorMembership {
  @Field(() => ID, { description: "Id of the vendor (a `Vendor` owned by the catalog subgraph)." })
  vendorId!: string;

  @Field(() => VendorRole, { description: "The role held at that vendor." })
  role!: VendorRole;
}

/** Someone who now works at a vendor: the answer to `addVendorStaff`. */
@ObjectType({ description: "A person who holds a role at a vendor." })
export class VendorStaffMember {
  @Field(() => ID, { description: "Id of the vendor." })
  vendorId!: string;

  @Field(() => User, { description: "The person (their public profile: name only)." })
  user!: User;

  @Field(() => VendorRole, { description: "Their role at the vendor." })
  role!: VendorRole;
}

/** The answer to `removeVendorStaff`. */
@ObjectType({ description: "A person no longer holds any role at a vendor." })
export class VendorStaffRemoved {
  @Field(() => ID, { description: "Id of the vendor." })
  vendorId!: string;

  @Field(() => ID, {
    description:
      "The person removed. Their access tokens stop within seconds; their next refresh carries no role there.",
  })
  userId!: string;
}
