import { createUnionType, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "@pawgraph/subgraph-kit";
import { Order, PaymentSession } from "../order/order.types";
import { ShippingAddress } from "../shared/address.type";
import { Clinic, Pet, ProductVariant, Vendor } from "../shared/references";

export enum CarePlanStatusValue {
  ACTIVE = "ACTIVE",
  PAUSED = "PAUSED",
  PAST_DUE = "PAST_DUE",
  CANCELLED = "CANCELLED",
}
registerEnumType(CarePlanStatusValue, {
  name: "CarePlanStatus",
  description: "Where a care plan is.",
  valuesConfig: {
    ACTIVE: { description: "Orders are placed at every run date." },
    PAUSED: { description: "Paused by its owner: no orders until resumed." },
    PAST_DUE: {
      description: "Every retry of a run's charge failed: no orders until that payment is settled; then cancelled.",
    },
    CANCELLED: { description: "Ended for good: never runs again." },
  },
});

export enum CarePlanKindValue {
  PRODUCTS = "PRODUCTS",
  WELLNESS = "WELLNESS",
}
registerEnumType(CarePlanKindValue, {
  name: "CarePlanKind",
  description: "What a care plan delivers.",
  valuesConfig: {
    PRODUCTS: { description: "Shop products ordered at every run." },
    WELLNESS: { description: "A clinic's wellness plan: services and products at a monthly price." },
  },
});

export enum CarePlanIntervalUnitValue {
  WEEK = "WEEK",
  MONTH = "MONTH",
}
registerEnumType(CarePlanIntervalUnitValue, {
  name: "CarePlanIntervalUnit",
  description: "The unit a care plan's interval is counted in.",
  valuesConfig: {
    WEEK: { description: "Weeks (7 days)." },
    MONTH: { description: "Calendar months; a plan started on the 31st runs on each month's last day when shorter." },
  },
});

export enum CarePlanRunStatusValue {
  CLAIMED = "CLAIMED",
  ORDERED = "ORDERED",
  PAID = "PAID",
  PAYMENT_FAILED = "PAYMENT_FAILED",
  REQUIRES_ACTION = "REQUIRES_ACTION",
  SKIPPED = "SKIPPED",
  FAILED = "FAILED",
  ABANDONED = "ABANDONED",
}
registerEnumType(CarePlanRunStatusValue, {
  name: "CarePlanRunStatus",
  description: "Where one run (one period's order) of a care plan is.",
  valuesConfig: {
    CLAIMED: { description: "Due and being placed." },
    ORDERED: { description: "Its order is placed; the payment is on its way." },
    PAID: { description: "Paid (or accepted to be paid on delivery)." },
    PAYMENT_FAILED: { description: "The charge failed; it is retried at `nextAttemptAt`." },
    REQUIRES_ACTION: { description: "The bank asks the owner to confirm the payment in the app (`clientSecret`)." },
    SKIPPED: { description: "Nothing was ordered: every line was left out." },
    FAILED: { description: "The order could not be placed (e.g. out of stock); see `lastError`." },
    ABANDONED: { description: "The plan was cancelled before the payment was settled." },
  },
});

@ObjectType({ description: "How often a care plan runs: every `count` `unit`s." })
export class CarePlanInterval {
  @Field(() => CarePlanIntervalUnitValue, { description: "Weeks or months." })
  unit!: CarePlanIntervalUnitValue;

  @Field(() => Int, { description: "How many units between runs." })
  count!: number;
}

@ObjectType({ description: "A product and quantity ordered at each run." })
export class CarePlanLine {
  @Field(() => ProductVariant, {
    nullable: true,
    description: "The product variant; null when catalog cannot be reached.",
  })
  variant!: ProductVariant;

  @Field(() => Int, { description: "Units per run." })
  quantity!: number;
}

@ObjectType({ description: "The shipping method a vendor's part of each run's order uses." })
export class CarePlanShippingChoice {
  @Field(() => Vendor, { nullable: true, description: "The vendor; null when catalog cannot be reached." })
  vendor!: Vendor;

  @Field(() => ID, { description: "The vendor's shipping method (ShippingMethod.id)." })
  shippingMethodId!: string;
}

@ObjectType({ description: "A line left out of a run, with why (not charged)." })
export class CarePlanSkippedLine {
  @Field(() => ProductVariant, {
    nullable: true,
    description: "The product variant left out; null when catalog cannot be reached.",
  })
  variant!: ProductVariant;

  @Field(() => String, { description: "The product as the owner knows it." })
  title!: string;

  @Field(() => String, { description: "Why, e.g. NO_REFILLS_LEFT." })
  reason!: string;
}

@ObjectType({ description: "One period of a care plan: its order and payment." })
export class CarePlanRun {
  @Field(() => ID, { description: "Stable unique id of the run." })
  id!: string;

  @Field(() => String, { description: "The run date the period starts on (YYYY-MM-DD)." })
  periodStart!: string;

  @Field(() => String, { description: "The run's unique key, careplan:{planId}:{periodStart}." })
  runKey!: string;

  @Field(() => CarePlanRunStatusValue, { description: "Where the run is." })
  status!: CarePlanRunStatusValue;

  @Field(() => ID, { nullable: true, description: "The order placed for the run (Order.id); null until placed." })
  orderId!: string | null;

  @Field(() => Int, { description: "How many charges failed so far." })
  failedAttempts!: number;

  @Field(() => Date, { nullable: true, description: "When the charge is tried next; null when nothing is pending." })
  nextAttemptAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The payment's client secret while the bank asks the owner to confirm it (REQUIRES_ACTION): the app confirms it with Stripe.",
  })
  clientSecret!: string | null;

  @Field(() => String, { nullable: true, description: "Why the last attempt failed, safe to show the owner." })
  lastError!: string | null;

  @Field(() => [CarePlanSkippedLine], { description: "Lines left out of this run." })
  skippedLines!: CarePlanSkippedLine[];
}

@ObjectType({ description: "A pet's recurring order: products every N weeks or months, paid with a saved method." })
export class CarePlan {
  @Field(() => ID, { description: "Stable unique id of the plan." })
  id!: string;

  @Field(() => CarePlanKindValue, { description: "What the plan delivers." })
  kind!: CarePlanKindValue;

  @Field(() => CarePlanStatusValue, { description: "Where the plan is." })
  status!: CarePlanStatusValue;

  @Field(() => Pet, { nullable: true, description: "The pet the plan is for; null when pets cannot be reached." })
  pet!: Pet;

  @Field(() => Clinic, { nullable: true, description: "The clinic offering a WELLNESS plan; null for PRODUCTS." })
  clinic!: Clinic | null;

  @Field(() => String, { description: "ISO 4217 currency of the plan's orders." })
  currency!: string;

  @Field(() => CarePlanInterval, { description: "How often it runs." })
  interval!: CarePlanInterval;

  @Field(() => String, { description: "The next run date (YYYY-MM-DD), in UTC." })
  nextRunOn!: string;

  @Field(() => [CarePlanLine], { description: "What each run orders." })
  lines!: CarePlanLine[];

  @Field(() => ShippingAddress, { description: "Where each run's order is shipped." })
  shippingAddress!: ShippingAddress;

  @Field(() => [CarePlanShippingChoice], { description: "The shipping method per vendor." })
  shippingMethods!: CarePlanShippingChoice[];

  @Field(() => Boolean, {
    description: "Runs are accepted as offline orders, paid on delivery (no card is charged through Pawgraph).",
  })
  payOnDelivery!: boolean;

  @Field(() => Boolean, { description: "Whether a payment method is saved for off-session charges." })
  paymentMethodSaved!: boolean;

  @Field(() => Date, { nullable: true, description: "When it became PAST_DUE." })
  pastDueAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When it was cancelled." })
  cancelledAt!: Date | null;

  /** The wellness offer a WELLNESS plan was started from (fields: `wellnessOffer`, `serviceCredits`). */
  wellnessOfferId!: string | null;

  @Field(() => Date, { description: "When it was created." })
  createdAt!: Date;

  @Field(() => [CarePlanRun], { description: "Its runs, newest first (at most the last 24)." })
  runs!: CarePlanRun[];
}

export const CarePlanConnection = connectionType(CarePlan, "CarePlan", "care plan");
export type CarePlanConnection = InstanceType<typeof CarePlanConnection>;

@ObjectType({ description: "The plan was created and its first order placed." })
export class CarePlanCreated {
  @Field(() => CarePlan, { description: "The new plan." })
  carePlan!: CarePlan;

  @Field(() => Order, { description: "The plan's first order." })
  order!: Order;

  @Field(() => PaymentSession, {
    nullable: true,
    description:
      "What the app needs to pay the first order (its payment method is then saved for the plan's runs); null if the payment could not be started yet.",
  })
  payment!: PaymentSession | null;
}

@ObjectType({ description: "The plan is not in a status that allows this change." })
export class CarePlanStateError {
  @Field(() => String, { description: "Stable code: CARE_PLAN_STATE." })
  code!: string;

  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;

  @Field(() => CarePlanStatusValue, { description: "The plan's status." })
  status!: CarePlanStatusValue;
}

@ObjectType({ description: "A product cannot be put on a plan at the moment." })
export class CarePlanLineUnavailableError {
  @Field(() => String, { description: "Stable code: LINE_UNAVAILABLE." })
  code!: string;

  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;

  @Field(() => ProductVariant, {
    nullable: true,
    description: "The variant at fault; null when catalog cannot be reached.",
  })
  variant!: ProductVariant;
}

@ObjectType({ description: "A vendor offers several shipping methods: say which one the plan uses." })
export class CarePlanShippingMethodRequiredError {
  @Field(() => String, { description: "Stable code: SHIPPING_METHOD_REQUIRED." })
  code!: string;

  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;

  @Field(() => Vendor, {
    nullable: true,
    description: "The vendor to choose a method of; null when catalog cannot be reached.",
  })
  vendor!: Vendor;
}

@ObjectType({ description: "A prescription-only product needs a current prescription with refills for the pet." })
export class CarePlanPrescriptionRequiredError {
  @Field(() => String, { description: "Stable code: PRESCRIPTION_REQUIRED." })
  code!: string;

  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;

  @Field(() => ProductVariant, {
    nullable: true,
    description: "The variant at fault; null when catalog cannot be reached.",
  })
  variant!: ProductVariant;

  @Field(() => String, { description: "NOT_YOUR_PET, NO_CURRENT_PRESCRIPTION or NO_REFILLS_LEFT." })
  reason!: string;
}

@ObjectType({ description: "Not enough stock for the plan's first order." })
export class CarePlanOutOfStockError {
  @Field(() => String, { description: "Stable code: INSUFFICIENT_STOCK." })
  code!: string;

  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;

  @Field(() => ProductVariant, {
    nullable: true,
    description: "The variant short of stock; null when catalog cannot be reached.",
  })
  variant!: ProductVariant;

  @Field(() => Int, { description: "Units the plan wants." })
  requested!: number;

  @Field(() => Int, { description: "Units available." })
  available!: number;
}

export const CreateCarePlanResult = createUnionType({
  name: "CreateCarePlanResult",
  description: "The new plan with its first order, or why it could not be created.",
  types: () =>
    [
      CarePlanCreated,
      CarePlanLineUnavailableError,
      CarePlanShippingMethodRequiredError,
      CarePlanPrescriptionRequiredError,
      CarePlanOutOfStockError,
    ] as const,
});

export const CarePlanChangeResult = createUnionType({
  name: "CarePlanChangeResult",
  description: "The plan as changed, or why its status does not allow the change.",
  types: () => [CarePlan, CarePlanStateError] as const,
});
