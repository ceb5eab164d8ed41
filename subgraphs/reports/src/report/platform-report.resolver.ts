import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import type { BaseContext } from "@pawgraph/subgraph-kit";
import type { PlatformReportRepository } from "./platform-report.repository";
import { PlanChurn, PlatformActivityRow, PlatformMoneyRow, PlatformReport } from "./platform-report.types";
import type { ReportAccess } from "./report-access";
import { checkRange } from "./report-range";
import { ReportRangeInput } from "./report.inputs";

/** The platform's report, for platform admins; each section is one query when asked for. */
@Resolver(() => PlatformReport)
export class PlatformReportResolver {
  constructor(
    private readonly access: ReportAccess,
    private readonly platform: PlatformReportRepository,
  ) {}

  @Query(() => PlatformReport, {
    nullable: true,
    description:
      "The platform's report over a range: GMV, take rate, activity, bookings, orders and plan churn. Platform admins; FORBIDDEN otherwise.",
  })
  platformReport(
    @Arg("range", () => ReportRangeInput, { description: "The days covered and their grouping." })
    range: ReportRangeInput,
    @Ctx() ctx: BaseContext,
  ): PlatformReport {
    this.access.platform(ctx.viewer);
    return { range: checkRange(range, "range") };
  }

  @FieldResolver(() => [PlatformMoneyRow], {
    description: "GMV, commission, take rate and refunds by period and currency.",
  })
  money(@Root() report: PlatformReport): Promise<PlatformMoneyRow[]> {
    return this.platform.money(report.range);
  }

  @FieldResolver(() => [PlatformActivityRow], {
    description: "Active users, bookings, orders and care plans by period.",
  })
  activity(@Root() report: PlatformReport): Promise<PlatformActivityRow[]> {
    return this.platform.activity(report.range);
  }

  @FieldResolver(() => Int, {
    description:
      "Distinct users who acted in the whole range (see PlatformActivityRow.activeUsers for what counts as acting).",
  })
  activeUsers(@Root() report: PlatformReport): Promise<number> {
    return this.platform.activeUsers(report.range);
  }

  @FieldResolver(() => PlanChurn, {
    description: "Care-plan churn: plans active at the range's start and how many of them were cancelled within it.",
  })
  planChurn(@Root() report: PlatformReport): Promise<PlanChurn> {
    return this.platform.churn(report.range);
  }
}
