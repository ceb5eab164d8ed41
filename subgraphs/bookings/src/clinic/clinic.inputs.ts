import { ArrayMaxSize, IsIn, IsOptional, Matches, Max, MaxLength, Min, ValidateNested } from "class-validator";
import { Field, Float, ID, InputType, Int } from "type-graphql";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const VALID_ZONES = new Set(Intl.supportedValuesOf("timeZone"));

@InputType({ description: "Opening hours on one weekday." })
export class OpeningHoursInput {
  @Min(1, { message: "must be 1 (Monday) to 7 (Sunday)" })
  @Max(7, { message: "must be 1 (Monday) to 7 (Sunday)" })
  @Field(() => Int, { description: "ISO weekday: 1 = Monday ... 7 = Sunday." })
  weekday!: number;

  @Matches(TIME, { message: "must be HH:mm" })
  @Field(() => String, { description: "Opening time, HH:mm local." })
  opens!: string;

  @Matches(TIME, { message: "must be HH:mm" })
  @Field(() => String, { description: "Closing time, HH:mm local." })
  closes!: string;
}

/** Contact details and booking rules shared by `createClinic` and `updateClinic`; all optional. */
@InputType({ description: "A clinic's contact details and booking rules." })
abstract class ClinicSettingsInput {
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,25}$/, { message: "must be a phone number" })
  @Field(() => String, { nullable: true, description: "Phone number." })
  phone?: string | null;

  @IsOptional()
  @ArrayMaxSize(21)
  @ValidateNested({ each: true })
  @Field(() => [OpeningHoursInput], {
    nullable: true,
    description: "Weekly opening hours (on update: replaces the current ones).",
  })
  openingHours?: OpeningHoursInput[] | null;

  @IsOptional()
  @Min(0, { message: "must not be negative" })
  @Max(10_080, { message: "must be at most 10080" })
  @Field(() => Int, { nullable: true, description: "Minimum notice for bookings, in minutes (default 60)." })
  minNoticeMinutes?: number | null;

  @IsOptional()
  @Min(1, { message: "must be at least 1" })
  @Max(365, { message: "must be at most 365" })
  @Field(() => Int, { nullable: true, description: "How many days ahead one may book (default 60)." })
  maxAdvanceDays?: number | null;

  @IsOptional()
  @Min(1, { message: "must be at least 1" })
  @Max(3600, { message: "must be at most 3600" })
  @Field(() => Int, { nullable: true, description: "How long a held slot is kept, in seconds (default 300)." })
  holdSeconds?: number | null;

  @IsOptional()
  @Min(0, { message: "must not be negative" })
  @Max(336, { message: "must be at most 336" })
  @Field(() => Int, {
    nullable: true,
    description: "Hours before the start until which owners may cancel (default 24).",
  })
  cancelCutoffHours?: number | null;
}

@InputType({ description: "A new clinic; it stays PENDING until a platform admin approves it." })
export class CreateClinicInput extends ClinicSettingsInput {
  @Matches(/\S/, { message: "must not be empty" })
  @Matches(/^.{1,120}$/s, { message: "must be at most 120 characters" })
  @Field(() => String, { description: "Name, up to 120 characters." })
  name!: string;

  @Matches(/^.{1,200}$/s, { message: "must be 1 to 200 characters" })
  @Field(() => String, { description: "Street and number." })
  addressLine!: string;

  @Matches(/^.{1,100}$/s, { message: "must be 1 to 100 characters" })
  @Field(() => String, { description: "City." })
  city!: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9 -]{2,12}$/, { message: "must be a postal code" })
  @Field(() => String, { nullable: true, description: "Postal code." })
  postalCode?: string | null;

  @Matches(/^[A-Z]{2}$/, { message: "must be an ISO 3166-1 alpha-2 code such as DE" })
  @Field(() => String, { description: "ISO 3166-1 alpha-2 country code." })
  country!: string;

  @Min(-90, { message: "must be between -90 and 90" })
  @Max(90, { message: "must be between -90 and 90" })
  @Field(() => Float, { description: "Latitude in degrees." })
  latitude!: number;

  @Min(-180, { message: "must be between -180 and 180" })
  @Max(180, { message: "must be between -180 and 180" })
  @Field(() => Float, { description: "Longitude in degrees." })
  longitude!: number;

  @IsIn([...VALID_ZONES], { message: "must be an IANA time zone such as Europe/Berlin" })
  @Field(() => String, { description: "IANA time zone." })
  timeZone!: string;
}

@InputType({ description: "Approve or reject a pending clinic (platform admins)." })
export class ReviewClinicInput {
  @Field(() => ID, { description: "The clinic." })
  clinicId!: string;

  @Field(() => Boolean, { description: "True to approve, false to reject." })
  approve!: boolean;

  @IsOptional()
  @MaxLength(1000, { message: "must be at most 1000 characters" })
  @Field(() => String, {
    nullable: true,
    description:
      "Why it is rejected, up to 1000 characters; kept as `statusReason` for the clinic's people and platform admins (ignored when approving).",
  })
  reason?: string | null;
}

/** Checked in the service (it is an argument, not an `input`, so errors name `near.<field>`). */
@InputType({ description: "Look for clinics around a point." })
export class NearInput {
  @Field(() => Float, { description: "Latitude in degrees (-90 to 90)." })
  lat!: number;

  @Field(() => Float, { description: "Longitude in degrees (-180 to 180)." })
  lng!: number;

  @Field(() => Float, { description: "Search radius in kilometres (0.1 to 500)." })
  radiusKm!: number;
}

@InputType({
  description: "Change a clinic's details and booking rules (clinic admins); omitted fields stay as they are.",
})
export class UpdateClinicInput extends ClinicSettingsInput {
  @Field(() => ID, { description: "The clinic." })
  clinicId!: string;

  @IsOptional()
  @Matches(/^\S.{0,119}$/s, { message: "must be 1 to 120 characters" })
  @Field(() => String, { nullable: true, description: "Name, up to 120 characters." })
  name?: string | null;
}
