import { Field, ObjectType } from "type-graphql";
import { PresignedUploadFields } from "@pawgraph/subgraph-kit";
import { Vendor } from "./vendor.type";

@ObjectType({
  description:
    "Where to upload one of a vendor's files: one PUT of the file to `url` with `headers` before `expiresAt` (15 minutes).",
})
export class VendorFileUpload extends PresignedUploadFields {
  @Field(() => String, { description: "The file name you declared, to match uploads to files." })
  fileName!: string;
}

@ObjectType({ description: "A vendor application that was made, and where to upload its files." })
export class VendorApplication {
  @Field(() => Vendor, { description: "The new vendor, PENDING until a platform admin reviews it." })
  vendor!: Vendor;

  @Field(() => VendorFileUpload, { nullable: true, description: "Where to upload the logo, when you declared one." })
  logoUpload!: VendorFileUpload | null;

  @Field(() => [VendorFileUpload], {
    description: "Where to upload each verification document, in the order you declared them.",
  })
  documentUploads!: VendorFileUpload[];
}

@ObjectType({ description: "A vendor after `updateVendor`, and where to upload its new logo." })
export class UpdateVendorPayload {
  @Field(() => Vendor, { description: "The vendor as it is now." })
  vendor!: Vendor;

  @Field(() => VendorFileUpload, {
    nullable: true,
    description: "Where to upload the new logo, when you declared one.",
  })
  logoUpload!: VendorFileUpload | null;
}
