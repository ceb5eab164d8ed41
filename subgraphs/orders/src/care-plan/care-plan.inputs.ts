import { Field, ID, InputType, Int } from "type-graphql";
import { ShippingAddressInput } from "../shared/address.type";
import { CarePlanIntervalUnitValue } from "./care-plan.types";

@InputType({ description: "A product and quantity for each run." })
export class CarePlanLineInput {
  @Field(() => ID, { description: "The product variant." })
  variantId!: string;

  @Field(() => Int, { description: "Units per run, 1 to 999." })
  quantity!: number;
}

@InputType({ description: "How often a plan runs." })
export class CarePlanIntervalInput {
  @Field(() => CarePlanIntervalUnitValue, { description: "Weeks or months." })
  unit!: CarePlanIntervalUnitValue;

  @Field(() => Int, { description: "Units between runs: 1 to 52 weeks, or 1 to 12 months." })
  count!: number;
}

@InputType({ description: "The shipping method one vendor's part of each run uses." })
export class CarePlanShippingMethodInput {
  @Field(() => ID, { description: "The vendor." })
  vendorId!: string;

  @Field(() => ID, { description: "One of the vendor's active shipping methods." })
  shippingMethodId!: string;
}

@InputType({
  description:
    "A new care plan. Give `cartLineIds` (lines of your cart), `lines`, or a clinic's `wellnessOfferId`: exactly one.",
})
export class CreateCarePlanInput {
  @Field(() => ID, { description: "Your pet the plan is for." })
  petId!: string;

  @Field(() => [ID], { nullable: true, description: "Lines of your active cart to turn into the plan." })
  cartLineIds?: string[] | null;

  @Field(() => [CarePlanLineInput], { nullable: true, description: "Products and quantities, given directly." })
  lines?: CarePlanLineInput[] | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "A wellness plan a clinic offers (wellnessOffers): its products become the plan's lines and it runs monthly; give no cartLineIds or lines.",
  })
  wellnessOfferId?: string | null;

  @Field(() => CarePlanIntervalInput, { description: "How often the plan runs." })
  interval!: CarePlanIntervalInput;

  @Field(() => ShippingAddressInput, {
    nullable: true,
    description: "Where each run ships; defaults to your cart's shipping address.",
  })
  shippingAddress?: ShippingAddressInput | null;

  @Field(() => [CarePlanShippingMethodInput], {
    nullable: true,
    description: "The shipping method per vendor; a vendor left out uses your cart's choice, or its only method.",
  })
  shippingMethods?: CarePlanShippingMethodInput[] | null;
}

@InputType({ description: "Names one of your care plans." })
export class CarePlanIdInput {
  @Field(() => ID, { description: "The care plan." })
  carePlanId!: string;
}

@InputType({ description: "Changes to a care plan's quantities or interval." })
export class UpdateCarePlanInput {
  @Field(() => ID, { description: "The care plan." })
  carePlanId!: string;

  @Field(() => CarePlanIntervalInput, {
    nullable: true,
    description: "A new interval, counted from the next run date.",
  })
  interval?: CarePlanIntervalInput | null;

  @Field(() => [CarePlanLineInput], {
    nullable: true,
    description: "New quantities for products already on the plan.",
  })
  quantities?: CarePlanLineInput[] | null;
}
