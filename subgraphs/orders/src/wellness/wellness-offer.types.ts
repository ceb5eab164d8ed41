import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Clinic, ProductVariant } from "../shared/references";

@ObjectType({ description: "A product a wellness plan ships every month." })
export class WellnessOfferLine {
  @Field(() => ProductVariant, {
    nullable: true,
    description: "The variant, from the clinic's own shop; null when catalog cannot be reached.",
  })
  variant!: ProductVariant;

  @Field(() => Int, { description: "Units each month." })
  quantity!: number;
}

@ObjectType({ description: "How often a year a wellness plan covers one of the clinic's services." })
export class WellnessServiceCredit {
  @Field(() => ID, { description: "The clinic service (ClinicService.id)." })
  serviceId!: string;

  @Field(() => String, { description: "The service's name when the offer was written." })
  serviceName!: string;

  @Field(() => Int, { description: "Bookings of this service the plan covers per plan year." })
  perYear!: number;
}

@ObjectType({
  description:
    "A wellness plan a clinic offers: products from its shop every month plus a yearly allowance of its services. Owners start a care plan from it.",
})
export class WellnessOffer {
  @Field(() => ID, { description: "Stable unique id of the offer." })
  id!: string;

  @Field(() => Clinic, { nullable: true, description: "The clinic offering it; null when bookings cannot be reached." })
  clinic!: Clinic;

  @Field(() => String, { description: "Its name, e.g. Puppy wellness." })
  name!: string;

  @Field(() => String, { description: "What it includes, in the clinic's words." })
  description!: string;

  @Field(() => String, { description: "ISO 4217 currency of the price." })
  currency!: string;

  @Field(() => Int, {
    description:
      "The monthly price at the products' prices when the offer was written, in minor units; each month is charged at the prices of the day, as any order.",
  })
  monthlyPriceMinor!: number;

  @Field(() => [WellnessOfferLine], { description: "The products it ships every month." })
  lines!: WellnessOfferLine[];

  @Field(() => [WellnessServiceCredit], { description: "The services it covers, and how often a year." })
  serviceCredits!: WellnessServiceCredit[];

  @Field(() => Boolean, { description: "Whether owners may still start it (archived offers keep running plans)." })
  active!: boolean;

  @Field(() => Date, { description: "When it was written." })
  createdAt!: Date;
}

@InputType({ description: "A product the plan ships every month." })
export class WellnessOfferLineInput {
  @Field(() => ID, { description: "A variant from the clinic's own shop." })
  variantId!: string;

  @Field(() => Int, { description: "Units each month (1–99)." })
  quantity!: number;
}

@InputType({ description: "A service the plan covers." })
export class WellnessServiceCreditInput {
  @Field(() => ID, { description: "One of the clinic's services (ClinicService.id)." })
  serviceId!: string;

  @Field(() => Int, { description: "Bookings covered per plan year (1–52)." })
  perYear!: number;
}

@InputType({ description: "A wellness plan for a clinic to offer (its CLINIC_ADMINs or platform admins)." })
export class CreateWellnessOfferInput {
  @Field(() => ID, { description: "The clinic." })
  clinicId!: string;

  @Field(() => String, { description: "Its name (1–120 characters)." })
  name!: string;

  @Field(() => String, { nullable: true, description: "What it includes (at most 2,000 characters)." })
  description?: string | null;

  @Field(() => [WellnessOfferLineInput], { description: "Products shipped every month (at least one, at most 20)." })
  lines!: WellnessOfferLineInput[];

  @Field(() => [WellnessServiceCreditInput], { description: "Services covered per plan year (at most 20)." })
  serviceCredits!: WellnessServiceCreditInput[];
}
