import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { BaseContext } from "@pawgraph/subgraph-kit";
import type { ReportAccess } from "./report-access";
import { checkRange } from "./report-range";
import { ReportRangeInput } from "./report.inputs";
import { SalesPeriod } from "./report.types";
import type { SalesRepository } from "./sales.repository";
import type { VendorReportRepository } from "./vendor-report.repository";
import { LowStockItem, VendorPayoutRow, VendorProductRow, VendorReport } from "./vendor-report.types";

/** One vendor's vendor orders. */
export const ONE_VENDOR = `vo.vendor_id = $1`;

/** A vendor's report: access is checked once by `vendorReport`; each section is one query when asked for. */
@Resolver(() => VendorReport)
export class VendorReportResolver {
  constructor(
    private readonly access: ReportAccess,
    private readonly vendors: VendorReportRepository,
    private readonly salesRepository: SalesRepository,
  ) {}

  @Query(() => VendorReport, {
    nullable: true,
    description:
      "A vendor's report over a range: sales, products, refunds, commission, payouts and low stock. The vendor's VENDOR_ADMINs and platform admins; NOT_FOUND for anyone else.",
  })
  vendorReport(
    @Arg("vendorId", () => ID, { description: "The vendor (Vendor.id)." }) vendorId: string,
    @Arg("range", () => ReportRangeInput, { description: "The days covered and their grouping." })
    range: ReportRangeInput,
    @Ctx() ctx: BaseContext,
  ): VendorReport {
    return { vendorId: this.access.vendor(ctx.viewer, vendorId, "vendorId"), range: checkRange(range, "range") };
  }

  @FieldResolver(() => [SalesPeriod], {
    description: "Vendor orders paid, units, sales, commission and refunds by period.",
  })
  sales(@Root() report: VendorReport): Promise<SalesPeriod[]> {
    return this.salesRepository.salesByPeriod(ONE_VENDOR, report.vendorId, report.range);
  }

  @FieldResolver(() => [VendorProductRow], { description: "Units and sales by period and product." })
  products(@Root() report: VendorReport): Promise<VendorProductRow[]> {
    return this.vendors.products(report.vendorId, report.range);
  }

  @FieldResolver(() => [VendorPayoutRow], { description: "The payout ledger's credits and debits by period." })
  payouts(@Root() report: VendorReport): Promise<VendorPayoutRow[]> {
    return this.vendors.payouts(report.vendorId, report.range);
  }

  @FieldResolver(() => [LowStockItem], {
    description: "Variants last reported low on stock in the range, newest first (at most 200).",
  })
  lowStock(@Root() report: VendorReport): Promise<LowStockItem[]> {
    return this.vendors.lowStock(report.vendorId, report.range);
  }
}
