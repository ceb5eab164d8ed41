import { LocalDateResolver } from "graphql-scalars";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { Money } from "@pawgraph/subgraph-kit";
import { ReportRangeEcho } from "./report.types";
import type { ReportRange } from "./report-range";

@ObjectType({ description: "The platform's report over a range: ask only for the sections you need." })
export class PlatformReport {
  @Field(() => ReportRangeEcho, { description: "The range the report covers." })
  range!: ReportRange;
}

@ObjectType({ description: "Money through the platform in one period (of payment) and currency." })
export class PlatformMoneyRow {
  @Field(() => LocalDateResolver, { description: "The period's first day." })
  period!: string;

  @Field(() => Int, { description: "Orders paid." })
  orders!: number;

  @Field(() => Money, { description: "Gross merchandise value: what buyers paid for those orders, before refunds." })
  gmv!: Money;

  @Field(() => Money, { description: "The platform's commission on those orders." })
  commission!: Money;

  @Field(() => Float, { nullable: true, description: "commission / gmv; null when nothing was sold." })
  takeRate!: number | null;

  @Field(() => Money, { description: "Refunds made in the period." })
  refunds!: Money;
}

@ObjectType({ description: "Activity on the platform in one period." })
export class PlatformActivityRow {
  @Field(() => LocalDateResolver, { description: "The period's first day." })
  period!: string;

  @Field(() => Int, {
    description:
      "Distinct users who acted in the period: booked, cancelled or marked a no-show, placed or cancelled an order, sent a message or started a care plan (UTC days).",
  })
  activeUsers!: number;

  @Field(() => Int, { description: "Bookings made (confirmed) in the period." })
  bookings!: number;

  @Field(() => Int, { description: "Bookings cancelled in the period." })
  cancellations!: number;

  @Field(() => Int, { description: "Bookings marked as no-shows in the period." })
  noShows!: number;

  @Field(() => Int, { description: "Orders paid in the period." })
  orders!: number;

  @Field(() => Int, { description: "Care plans started in the period." })
  plansStarted!: number;

  @Field(() => Int, { description: "Care plans cancelled in the period." })
  plansCancelled!: number;
}

@ObjectType({ description: "Care-plan churn over the whole range." })
export class PlanChurn {
  @Field(() => Int, { description: "Plans started before the range and not cancelled before it." })
  activeAtStart!: number;

  @Field(() => Int, { description: "Of those, cancelled within the range." })
  cancelled!: number;

  @Field(() => Float, { nullable: true, description: "cancelled / activeAtStart; null when no plan was active." })
  rate!: number | null;
}
