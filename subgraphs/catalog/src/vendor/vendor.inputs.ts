import { ArrayMaxSize, IsEmail, IsIn, IsOptional, Matches, Max, MaxLength, Min, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { FileDeclarationInput } from "@pawgraph/subgraph-kit";
import { COUNTRIES, CURRENCIES } from "./vendor-codes";

/** What a logo may be: web images. */
export const VENDOR_LOGO_TYPES = ["image/jpeg", "image/png", "image/webp"];
/** What a verification document may be: PDFs and photos of paper. */
export const VENDOR_DOCUMENT_TYPES = ["application/pdf", "image/jpeg", "image/png"];

const TEXT = /\S/;
const PHONE = /^\+?[0-9 ()-]{5,25}$/;

@InputType({ description: "A vendor's business address." })
export class VendorAddressInput {
  @Matches(TEXT, { message: "must not be empty" })
  @MaxLength(200, { message: "must be at most 200 characters" })
  @Field(() => String, { description: "Street and number, up to 200 characters." })
  line!: string;

  @Matches(TEXT, { message: "must not be empty" })
  @MaxLength(100, { message: "must be at most 100 characters" })
  @Field(() => String, { description: "City, up to 100 characters." })
  city!: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9 -]{2,12}$/, { message: "must be a postal code" })
  @Field(() => String, { nullable: true, description: "Postal code." })
  postalCode?: string | null;

  @IsIn(COUNTRIES, { message: "must be an ISO 3166-1 alpha-2 country code such as DE" })
  @Field(() => String, { description: "ISO 3166-1 alpha-2 country code, e.g. DE." })
  country!: string;
}

@InputType({ description: "The shop's logo, about to be uploaded: a JPEG, PNG or WebP image of at most 2 MB." })
export class VendorLogoInput extends FileDeclarationInput {
  @IsIn(VENDOR_LOGO_TYPES, { message: `must be one of ${VENDOR_LOGO_TYPES.join(", ")}` })
  @Field(() => String, { description: `MIME type: ${VENDOR_LOGO_TYPES.join(", ")}.` })
  contentType!: string;
}

@InputType({
  description:
    "A verification document (business registration, licence), about to be uploaded: a PDF, JPEG or PNG of at most the configured size (20 MB by default).",
})
export class VendorDocumentInput extends FileDeclarationInput {
  @IsIn(VENDOR_DOCUMENT_TYPES, { message: `must be one of ${VENDOR_DOCUMENT_TYPES.join(", ")}` })
  @Field(() => String, { description: `MIME type: ${VENDOR_DOCUMENT_TYPES.join(", ")}.` })
  contentType!: string;
}

/** Contact details shared by `applyAsVendor` and `updateVendor`. */
@InputType({ description: "A vendor's contact details (base class; not in any schema)." })
abstract class VendorContactInput {
  @IsOptional()
  @MaxLength(5000, { message: "must be at most 5000 characters" })
  @Field(() => String, { nullable: true, description: "About the shop (Markdown), up to 5000 characters." })
  description?: string | null;

  @IsOptional()
  @Matches(PHONE, { message: "must be a phone number" })
  @Field(() => String, { nullable: true, description: "The shop's phone number." })
  contactPhone?: string | null;

  @IsOptional()
  @ValidateNested()
  @Field(() => VendorLogoInput, {
    nullable: true,
    description: "A logo to upload; the answer carries where to PUT it (`logoUpload`).",
  })
  logo?: VendorLogoInput | null;
}

@InputType({
  description: "An application to sell on Pawgraph; the vendor stays PENDING until a platform admin reviews it.",
})
export class ApplyAsVendorInput extends VendorContactInput {
  @Matches(/^\s*\S.{0,118}\S\s*$/s, { message: "must be 2 to 120 characters" })
  @Field(() => String, { description: "The shop's name, 2 to 120 characters." })
  name!: string;

  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: "must be lowercase letters, digits and single hyphens" })
  @MaxLength(60, { message: "must be at most 60 characters" })
  @Field(() => String, {
    nullable: true,
    description: "URL-safe name, unique on the platform (e.g. `happy-tails`); derived from `name` when omitted.",
  })
  slug?: string | null;

  @IsEmail({}, { message: "must be an email address" })
  @MaxLength(254, { message: "must be at most 254 characters" })
  @Field(() => String, { description: "Where customers and the platform write to the shop." })
  contactEmail!: string;

  @ValidateNested()
  @Field(() => VendorAddressInput, { description: "The shop's business address." })
  address!: VendorAddressInput;

  @IsIn(CURRENCIES, { message: "must be an ISO 4217 currency code such as EUR" })
  @Field(() => String, { description: "ISO 4217 currency the shop's prices are in, e.g. EUR." })
  currency!: string;

  @IsOptional()
  @Matches(/^[\p{L}\p{N} ./-]{2,60}$/u, {
    message: "must be 2 to 60 letters, digits, spaces, dots, slashes or hyphens",
  })
  @Field(() => String, {
    nullable: true,
    description: "The business's registration number (e.g. HRB 12345), checked by the platform admin.",
  })
  businessRegistration?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The clinic that will run this shop; you must be an admin of that clinic.",
  })
  clinicId?: string | null;

  @IsOptional()
  @ArrayMaxSize(5, { message: "must be at most 5 documents" })
  @ValidateNested({ each: true })
  @Field(() => [VendorDocumentInput], {
    nullable: true,
    description:
      "Verification documents to upload (at most 5); the answer carries where to PUT each (`documentUploads`).",
  })
  documents?: VendorDocumentInput[] | null;
}

@InputType({ description: "Change your vendor's details (its VENDOR_ADMINs); omitted fields stay as they are." })
export class UpdateVendorInput extends VendorContactInput {
  @Field(() => ID, { description: "The vendor." })
  vendorId!: string;

  @IsOptional()
  @IsEmail({}, { message: "must be an email address" })
  @MaxLength(254, { message: "must be at most 254 characters" })
  @Field(() => String, { nullable: true, description: "Where customers and the platform write to the shop." })
  contactEmail?: string | null;

  @IsOptional()
  @ValidateNested()
  @Field(() => VendorAddressInput, { nullable: true, description: "The shop's business address (replaces it whole)." })
  address?: VendorAddressInput | null;
}

export enum VendorDecision {
  APPROVE = "APPROVE",
  REJECT = "REJECT",
}

registerEnumType(VendorDecision, {
  name: "VendorDecision",
  description: "A platform admin's verdict on a vendor application.",
  valuesConfig: {
    APPROVE: { description: "Approve: the shop goes live and the applicant becomes its VENDOR_ADMIN." },
    REJECT: { description: "Reject: the applicant is told the reason." },
  },
});

@InputType({ description: "Approve or reject a PENDING vendor (platform admins)." })
export class ReviewVendorInput {
  @Field(() => ID, { description: "The vendor." })
  vendorId!: string;

  @Field(() => VendorDecision, { description: "Approve or reject." })
  decision!: VendorDecision;

  @IsOptional()
  @MaxLength(1000, { message: "must be at most 1000 characters" })
  @Field(() => String, {
    nullable: true,
    description: "Why (required to reject, up to 1000 characters); shown to the applicant.",
  })
  reason?: string | null;
}

@InputType({ description: "Take an APPROVED vendor off the marketplace (platform admins)." })
export class SuspendVendorInput {
  @Field(() => ID, { description: "The vendor." })
  vendorId!: string;

  @Matches(TEXT, { message: "must not be empty" })
  @MaxLength(1000, { message: "must be at most 1000 characters" })
  @Field(() => String, { description: "Why, up to 1000 characters; shown to the vendor's people." })
  reason!: string;
}

@InputType({ description: "Set or clear a vendor's commission override (platform admins)." })
export class SetVendorCommissionInput {
  @Field(() => ID, { description: "The vendor." })
  vendorId!: string;

  @IsOptional()
  @Min(0, { message: "must be between 0 and 10000" })
  @Max(10_000, { message: "must be between 0 and 10000" })
  @Field(() => Int, {
    nullable: true,
    description: "Commission in basis points (0 to 10000, 1/100 %); null to use the platform's default.",
  })
  commissionBps?: number | null;
}
