import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "@pawgraph/subgraph-kit";
import { Clinic } from "../clinic/clinic.type";

export enum VendorStatus {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  SUSPENDED = "SUSPENDED",
}

registerEnumType(VendorStatus, {
  name: "VendorStatus",
  description: "Where a vendor is in platform review; only APPROVED vendors' products are in the shop.",
  valuesConfig: {
    PENDING: { description: "Applied, waiting for a platform admin." },
    APPROVED: { description: "Approved: its active products are listed and sold." },
    REJECTED: { description: "Rejected by a platform admin (see `statusReason`)." },
    SUSPENDED: { description: "Suspended by a platform admin: its products are hidden (see `statusReason`)." },
  },
});

@Directive("@cacheControl(maxAge: 60)")
@ObjectType({ description: "A vendor's business address." })
export class VendorAddress {
  @Field(() => String, { description: "Street and number." })
  line!: string;

  @Field(() => String, { description: "City." })
  city!: string;

  @Field(() => String, { nullable: true, description: "Postal code." })
  postalCode!: string | null;

  @Field(() => String, { description: "ISO 3166-1 alpha-2 country code." })
  country!: string;
}

/** A shop on the marketplace, owned by this subgraph; orders refers to it for commission and payouts. */
@Directive('@key(fields: "id")')
@Directive("@cacheControl(maxAge: 60)")
@ObjectType({
  description:
    "A shop on Pawgraph's marketplace: a clinic's shop or an independent vendor. Approved vendors are public; others are visible to their applicant, their staff and platform admins.",
})
export class Vendor {
  @Field(() => ID, { description: "Stable unique id of the vendor." })
  id!: string;

  @Field(() => String, { description: "The shop's name." })
  name!: string;

  @Field(() => String, { description: "URL-safe name, unique on the platform, e.g. `happy-tails`." })
  slug!: string;

  @Field(() => String, { description: "About the shop (Markdown)." })
  description!: string;

  @Field(() => String, { description: "Where customers write to the shop." })
  contactEmail!: string;

  @Field(() => String, { nullable: true, description: "The shop's phone number." })
  contactPhone!: string | null;

  @Field(() => VendorAddress, { description: "The shop's business address." })
  address!: VendorAddress;

  @Field(() => String, { description: "ISO 4217 currency its prices are in, e.g. EUR." })
  currency!: string;

  @Field(() => VendorStatus, { description: "Where it is in platform review." })
  status!: VendorStatus;

  @Field(() => String, {
    nullable: true,
    description: "Why it was rejected or suspended; only its own people and platform admins see it (null for others).",
  })
  statusReason!: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The platform's commission on its sales in basis points (1/100 %) when it differs from the default; only its own people and platform admins see it.",
  })
  commissionBps!: number | null;

  @Field(() => Clinic, { nullable: true, description: "The clinic that runs this shop, when a clinic does." })
  clinic!: Clinic | null;

  @Field(() => Date, { description: "When it applied." })
  createdAt!: Date;

  /** Where its logo is stored, for `logoUrl` (not a GraphQL field). */
  logoKey?: string | null;
}

/** A page of vendors. */
export const VendorConnection = connectionType(Vendor, "Vendor", "vendor");
