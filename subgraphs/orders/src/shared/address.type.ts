import { Field, InputType, ObjectType } from "type-graphql";

@ObjectType({ description: "A postal address goods are shipped to." })
export class ShippingAddress {
  @Field(() => String, { description: "Who receives the parcel." })
  name!: string;

  @Field(() => String, { description: "Street and number." })
  line1!: string;

  @Field(() => String, { nullable: true, description: "Apartment, suite, c/o." })
  line2!: string | null;

  @Field(() => String, { description: "City." })
  city!: string;

  @Field(() => String, {
    nullable: true,
    description: "State, province or county code (ISO 3166-2 subdivision, e.g. CA).",
  })
  region!: string | null;

  @Field(() => String, { nullable: true, description: "Postal code." })
  postalCode!: string | null;

  @Field(() => String, { description: "ISO 3166-1 alpha-2 country code." })
  country!: string;

  @Field(() => String, { nullable: true, description: "A phone number for the carrier." })
  phone!: string | null;
}

@InputType({ description: "A postal address goods are shipped to." })
export class ShippingAddressInput {
  @Field(() => String, { description: "Who receives the parcel, 1 to 120 characters." })
  name!: string;

  @Field(() => String, { description: "Street and number, 1 to 200 characters." })
  line1!: string;

  @Field(() => String, { nullable: true, description: "Apartment, suite, c/o; up to 200 characters." })
  line2?: string | null;

  @Field(() => String, { description: "City, 1 to 120 characters." })
  city!: string;

  @Field(() => String, {
    nullable: true,
    description: "State, province or county code, e.g. CA (1 to 3 letters or digits).",
  })
  region?: string | null;

  @Field(() => String, { nullable: true, description: "Postal code, up to 20 characters." })
  postalCode?: string | null;

  @Field(() => String, { description: "ISO 3166-1 alpha-2 country code, e.g. US." })
  country!: string;

  @Field(() => String, { nullable: true, description: "A phone number for the carrier, up to 30 characters." })
  phone?: string | null;
}
