import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { BaseContext } from "@pawgraph/subgraph-kit";
import type { ExportService } from "./export.service";
import { ExportReportInput, ReportExport } from "./export.types";

/** Hands out signed CSV download links for the reports the viewer may read. */
@Resolver(() => ReportExport)
export class ExportResolver {
  constructor(private readonly exports: ExportService) {}

  @Mutation(() => ReportExport, {
    description:
      "A signed link to download a report as CSV, valid for a few minutes. Who may export a report is who may read it: NOT_FOUND for another clinic's or vendor's, FORBIDDEN for the platform's unless a platform admin.",
  })
  exportReport(
    @Arg("input", () => ExportReportInput, { description: "The report, its range and whose it is." })
    input: ExportReportInput,
    @Ctx() ctx: BaseContext,
  ): ReportExport {
    return this.exports.create(ctx, input);
  }
}
