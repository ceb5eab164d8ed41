import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";

export enum CoverageStatusValue {
  COVERED = "COVERED",
  RELEASED = "RELEASED",
}

registerEnumType(CoverageStatusValue, {
  name: "WellnessCoverageStatus",
  description: "Whether a booking still uses one of its plan's credits.",
  valuesConfig: {
    COVERED: { description: "The booking uses one credit of the plan year." },
    RELEASED: { description: "The booking was cancelled; its credit was given back." },
  },
});

@ObjectType({ description: "A booking a pet's wellness plan covers: one of the plan year's credits for its service." })
export class WellnessCoverage {
  @Field(() => ID, { description: "The WELLNESS care plan covering it (CarePlan.id; its owner may read it)." })
  carePlanId!: string;

  @Field(() => String, { description: "The covered service, as the offer names it." })
  serviceName!: string;

  @Field(() => String, { description: "The first day of the plan year the credit counts in (YYYY-MM-DD)." })
  planYearStart!: string;

  @Field(() => CoverageStatusValue, { description: "Covered, or released by a cancellation." })
  status!: CoverageStatusValue;
}

/** bookings' Booking, extended here with whether a wellness plan covers it. */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A booked appointment." })
export class Booking {
  @Field(() => ID, { description: "Id of the booking (also its iCalendar UID)." })
  id!: string;
}

@ObjectType({ description: "A service a WELLNESS plan covers, and how much of this plan year's allowance is left." })
export class WellnessCreditBalance {
  @Field(() => ID, { description: "The clinic service (ClinicService.id)." })
  serviceId!: string;

  @Field(() => String, { description: "The service's name in the offer." })
  serviceName!: string;

  @Field(() => Int, { description: "Bookings covered per plan year." })
  perYear!: number;

  @Field(() => Int, { description: "Covered this plan year (cancelled bookings give theirs back)." })
  used!: number;

  @Field(() => Int, { description: "Still covered this plan year." })
  remaining!: number;
}
