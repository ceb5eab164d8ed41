import { LocalDateResolver } from "graphql-scalars";
import { Field, Int, ObjectType } from "type-graphql";
import { Money } from "@pawgraph/subgraph-kit";
import { ReportGroupingValue } from "./report.inputs";

@ObjectType({ description: "The range a report was computed for, as checked (the time zone filled in)." })
export class ReportRangeEcho {
  @Field(() => LocalDateResolver, { description: "The first day covered." })
  from!: string;

  @Field(() => LocalDateResolver, { description: "The last day covered, inclusive." })
  to!: string;

  @Field(() => ReportGroupingValue, { description: "How rows are grouped." })
  grouping!: ReportGroupingValue;

  @Field(() => String, { description: "The IANA time zone days are counted in." })
  timeZone!: string;
}

@ObjectType({ description: "Sales of one period in one currency." })
export class SalesPeriod {
  @Field(() => LocalDateResolver, { description: "The period's first day." })
  period!: string;

  @Field(() => Int, { description: "Vendor orders paid in the period." })
  orders!: number;

  @Field(() => Int, { description: "Units in those orders (0 for orders paid before units were reported)." })
  units!: number;

  @Field(() => Money, { description: "What buyers paid for those vendor orders (items, shipping and tax)." })
  sales!: Money;

  @Field(() => Money, {
    description: "The platform's commission on them (0 for orders paid before commission was reported).",
  })
  commission!: Money;

  @Field(() => Money, {
    description:
      "Refunds made in the period on these vendors' orders: each refund shared among an order's vendors in proportion to their totals.",
  })
  refunds!: Money;
}
