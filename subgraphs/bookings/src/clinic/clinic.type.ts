import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "@pawgraph/subgraph-kit";

export enum ClinicStatus {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
}

registerEnumType(ClinicStatus, {
  name: "ClinicStatus",
  description: "Where a clinic is in platform approval; only APPROVED clinics are visible to owners.",
  valuesConfig: {
    PENDING: { description: "Registered, waiting for a platform admin." },
    APPROVED: { description: "Approved: listed, bookable." },
    REJECTED: { description: "Rejected by a platform admin (see `statusReason`)." },
  },
});

@ObjectType({ description: "A postal address." })
export class Address {
  @Field(() => String, { description: "Street and number." })
  line!: string;

  @Field(() => String, { description: "City." })
  city!: string;

  @Field(() => String, { nullable: true, description: "Postal code." })
  postalCode!: string | null;

  @Field(() => String, { description: "ISO 3166-1 alpha-2 country code." })
  country!: string;
}

@ObjectType({ description: "A point on Earth (WGS 84)." })
export class GeoPoint {
  @Field(() => Float, { description: "Latitude in degrees." })
  latitude!: number;

  @Field(() => Float, { description: "Longitude in degrees." })
  longitude!: number;
}

@ObjectType({ description: "When a clinic is open on one weekday, in its local time." })
export class OpeningHours {
  @Field(() => Int, { description: "ISO weekday: 1 = Monday ... 7 = Sunday." })
  weekday!: number;

  @Field(() => String, { description: "Opening time, HH:mm local." })
  opens!: string;

  @Field(() => String, { description: "Closing time, HH:mm local." })
  closes!: string;
}

/** A veterinary clinic: owned by this subgraph, referred to by ehr, pets and identity. */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A veterinary clinic." })
export class Clinic {
  @Field(() => ID, { description: "Stable unique id of the clinic." })
  id!: string;

  @Field(() => String, { description: "Name of the clinic." })
  name!: string;

  @Field(() => Address, { description: "Where it is." })
  address!: Address;

  @Field(() => GeoPoint, { description: "Its location." })
  location!: GeoPoint;

  @Field(() => String, { description: "IANA time zone, e.g. Europe/Berlin; all its times are local to it." })
  timeZone!: string;

  @Field(() => String, { nullable: true, description: "Phone number." })
  phone!: string | null;

  @Field(() => [OpeningHours], { description: "Weekly opening hours." })
  openingHours!: OpeningHours[];

  @Field(() => ClinicStatus, { description: "Approval status." })
  status!: ClinicStatus;

  @Field(() => String, {
    nullable: true,
    description:
      "Why a platform admin rejected it, when one said (`reviewClinic`); null once approved. Only those who may see an unapproved clinic (its people, platform admins) ever see one.",
  })
  statusReason!: string | null;

  @Field(() => Float, {
    nullable: true,
    description: "Distance in kilometres from the point asked about in `clinics(near:)`; null elsewhere.",
  })
  distanceKm!: number | null;

  @Field(() => Int, { description: "How many minutes ahead a booking must be made." })
  minNoticeMinutes!: number;

  @Field(() => Int, { description: "How many days ahead one may book." })
  maxAdvanceDays!: number;

  @Field(() => Int, { description: "Hours before the start until which owners may cancel." })
  cancelCutoffHours!: number;

  @Field(() => Date, { description: "When it was registered (`createClinic`)." })
  createdAt!: Date;
}

/** A page of clinics (`clinics`). */
export const ClinicConnection = connectionType(Clinic, "Clinic", "clinic");
