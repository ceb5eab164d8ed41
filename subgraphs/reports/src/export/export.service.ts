import { BadUserInputError, type BaseContext } from "@pawgraph/subgraph-kit";
import type { ClinicReportRepository } from "../report/clinic-report.repository";
import type { PlatformReportRepository } from "../report/platform-report.repository";
import type { ReportAccess } from "../report/report-access";
import { checkRange, type Grouping, type ReportRange } from "../report/report-range";
import type { VendorReportRepository } from "../report/vendor-report.repository";
import type { ExportRequest, ExportSigner } from "./export-signer";
import { ReportKindValue, type ExportReportInput } from "./export.types";

/** A CSV's columns and its rows, cell by cell (strings are neutralised when written). */
export interface CsvTable {
  columns: string[];
  rows: AsyncIterable<(string | number | null)[]> | Iterable<(string | number | null)[]>;
}

export interface ExportSettings {
  /** Where links point: the gateway's public origin, e.g. https://api.pawgraph.dev. */
  publicUrl: string | (() => string);
  /** How long a link works, in seconds. */
  ttlSeconds: number;
}

/** The path a link's GET goes to, on the gateway (which forwards it) and on reports. */
export const EXPORT_PATH = "/reports/export.csv";

/**
 * Report exports: `create` checks the viewer may read the report and hands out a signed, expiring
 * link; `table` produces the CSV's rows for a verified link's request from the same repositories as
 * the GraphQL reports, so a CSV and its report agree.
 */
export class ExportService {
  constructor(
    private readonly access: ReportAccess,
    private readonly signer: ExportSigner,
    private readonly repositories: {
      clinics: ClinicReportRepository;
      vendors: VendorReportRepository;
      platform: PlatformReportRepository;
    },
    private readonly settings: ExportSettings,
    private readonly now: () => number = Date.now,
  ) {}

  create(ctx: BaseContext, input: ExportReportInput): { url: string; expiresAt: Date } {
    const subjectId = this.subject(ctx, input);
    const range = checkRange(input.range, "input.range");
    const expiresAt = this.now() + this.settings.ttlSeconds * 1000;
    const query = this.signer.sign({ kind: input.kind, subjectId, ...range, expiresAt });
    const origin = typeof this.settings.publicUrl === "function" ? this.settings.publicUrl() : this.settings.publicUrl;
    return { url: `${origin.replace(/\/$/, "")}${EXPORT_PATH}?${query}`, expiresAt: new Date(expiresAt) };
  }

  private subject(ctx: BaseContext, input: ExportReportInput): string {
    switch (input.kind) {
      case ReportKindValue.CLINIC_BOOKINGS:
      case ReportKindValue.CLINIC_CANCELLATIONS:
        if (!input.clinicId) throw new BadUserInputError("input.clinicId", "A clinic report needs the clinic");
        return this.access.clinic(ctx.viewer, input.clinicId, "input.clinicId");
      case ReportKindValue.VENDOR_SALES:
        if (!input.vendorId) throw new BadUserInputError("input.vendorId", "A vendor report needs the vendor");
        return this.access.vendor(ctx.viewer, input.vendorId, "input.vendorId");
      case ReportKindValue.PLATFORM_SUMMARY:
        this.access.platform(ctx.viewer);
        return "";
    }
  }

  /** A file name for the download, from the request's own (already checked) values. */
  fileName(request: ExportRequest): string {
    return `${request.kind.toLowerCase().replace(/_/g, "-")}-${request.from}-${request.to}.csv`;
  }

  async table(request: ExportRequest): Promise<CsvTable> {
    const range: ReportRange = {
      from: request.from,
      to: request.to,
      grouping: request.grouping as Grouping,
      timeZone: request.timeZone,
    };
    const { clinics, vendors, platform } = this.repositories;
    switch (request.kind) {
      case ReportKindValue.CLINIC_BOOKINGS:
        return {
          columns: [
            "period",
            "service_id",
            "service_name",
            "booked",
            "cancelled",
            "no_shows",
            "revenue_minor",
            "currency",
          ],
          rows: (await clinics.bookings(request.subjectId, range)).map((r) => [
            r.period,
            r.serviceId,
            r.serviceName,
            r.booked,
            r.cancelled,
            r.noShows,
            r.revenue?.amountMinor ?? null,
            r.revenue?.currency ?? null,
          ]),
        };
      case ReportKindValue.CLINIC_CANCELLATIONS:
        return {
          columns: ["booking_id", "service_name", "starts_at", "cancelled_at", "cancelled_by", "cancelled_by_role"],
          rows: (await clinics.cancellations(request.subjectId, range)).map((r) => [
            r.bookingId,
            r.serviceName,
            new Date(r.startsAt).toISOString(),
            new Date(r.cancelledAt).toISOString(),
            r.cancelledBy,
            r.cancelledByRole,
          ]),
        };
      case ReportKindValue.VENDOR_SALES:
        return {
          columns: ["period", "product_id", "title", "units", "sales_minor", "currency"],
          rows: (await vendors.products(request.subjectId, range)).map((r) => [
            r.period,
            r.productId,
            r.title,
            r.units,
            r.sales.amountMinor,
            r.sales.currency,
          ]),
        };
      case ReportKindValue.PLATFORM_SUMMARY:
        return {
          columns: ["period", "currency", "orders", "gmv_minor", "commission_minor", "take_rate", "refunds_minor"],
          rows: (await platform.money(range)).map((r) => [
            r.period,
            r.gmv.currency,
            r.orders,
            r.gmv.amountMinor,
            r.commission.amountMinor,
            r.takeRate,
            r.refunds.amountMinor,
          ]),
        };
      default:
        throw new Error(`Unknown export kind ${request.kind}`);
    }
  }
}
