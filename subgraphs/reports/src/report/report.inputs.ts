import { LocalDateResolver } from "graphql-scalars";
import { Field, InputType, registerEnumType } from "type-graphql";
import type { Grouping } from "./report-range";

export enum ReportGroupingValue {
  DAY = "DAY",
  WEEK = "WEEK",
  MONTH = "MONTH",
}
registerEnumType(ReportGroupingValue, {
  name: "ReportGrouping",
  description: "How a report's rows are grouped in time.",
  valuesConfig: {
    DAY: { description: "One row per local day." },
    WEEK: { description: "One row per ISO week (starting Monday), named by its Monday." },
    MONTH: { description: "One row per calendar month, named by its first day." },
  },
});

@InputType({ description: "The days a report covers and how it groups them." })
export class ReportRangeInput {
  @Field(() => LocalDateResolver, { description: "The first day covered (local to `timeZone`)." })
  from!: string;

  @Field(() => LocalDateResolver, {
    description: "The last day covered, inclusive (local to `timeZone`); at most 731 days after `from`.",
  })
  to!: string;

  @Field(() => ReportGroupingValue, { description: "How rows are grouped: by day, week or month." })
  grouping!: Grouping;

  @Field(() => String, {
    nullable: true,
    description: "IANA time zone the days are counted in, e.g. Europe/Berlin. Default UTC.",
  })
  timeZone?: string | null;
}
