import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { BadUserInputError, type BaseContext } from "@pawgraph/subgraph-kit";
import type { ClinicReportRepository } from "./clinic-report.repository";
import {
  CancellationsByRole,
  ClinicBookingsRow,
  ClinicCancellation,
  ClinicPatientsRow,
  ClinicReminders,
  ClinicReport,
} from "./clinic-report.types";
import type { ReportAccess } from "./report-access";
import { checkRange } from "./report-range";
import { ReportRangeInput } from "./report.inputs";
import { SalesPeriod } from "./report.types";
import type { SalesRepository } from "./sales.repository";

/** Vendor orders of the shop a clinic runs (catalog's vendor with that clinicId). */
export const CLINIC_SHOP = `vo.vendor_id IN (SELECT vendor_id FROM reports.vendor_facts WHERE clinic_id = $1)`;

/** The default and the bounds of a reminder's conversion window, in days. */
export const CONVERSION_WINDOW = { default: 30, min: 1, max: 180 };

/** A clinic's report: access is checked once by `clinicReport`; each section is one query when asked for. */
@Resolver(() => ClinicReport)
export class ClinicReportResolver {
  constructor(
    private readonly access: ReportAccess,
    private readonly clinics: ClinicReportRepository,
    private readonly sales: SalesRepository,
  ) {}

  @Query(() => ClinicReport, {
    nullable: true,
    description:
      "A clinic's report over a range: bookings, cancellations, patients, revenue and reminders. The clinic's CLINIC_ADMINs and platform admins; NOT_FOUND for anyone else.",
  })
  clinicReport(
    @Arg("clinicId", () => ID, { description: "The clinic (Clinic.id)." }) clinicId: string,
    @Arg("range", () => ReportRangeInput, { description: "The days covered and their grouping." })
    range: ReportRangeInput,
    @Arg("conversionWindowDays", () => Int, {
      nullable: true,
      description: "A booking within this many days after a reminder counts as its conversion (1-180, default 30).",
    })
    conversionWindowDays: number | null | undefined,
    @Ctx() ctx: BaseContext,
  ): ClinicReport {
    const id = this.access.clinic(ctx.viewer, clinicId, "clinicId");
    const window = conversionWindowDays ?? CONVERSION_WINDOW.default;
    if (!Number.isInteger(window) || window < CONVERSION_WINDOW.min || window > CONVERSION_WINDOW.max)
      throw new BadUserInputError("conversionWindowDays", "Between 1 and 180 days");
    return { clinicId: id, range: checkRange(range, "range"), conversionWindowDays: window };
  }

  @FieldResolver(() => [ClinicBookingsRow], {
    description: "Appointments by period (of their start) and service: booked, cancelled, no-shows, revenue.",
  })
  bookings(@Root() report: ClinicReport): Promise<ClinicBookingsRow[]> {
    return this.clinics.bookings(report.clinicId, report.range);
  }

  @FieldResolver(() => [CancellationsByRole], {
    description: "Appointments in the range that were cancelled, counted by who cancelled.",
  })
  cancellationsByRole(@Root() report: ClinicReport): Promise<CancellationsByRole[]> {
    return this.clinics.cancellationsByRole(report.clinicId, report.range);
  }

  @FieldResolver(() => [ClinicCancellation], {
    description: "The cancelled appointments in the range with who cancelled, by start time (at most 500).",
  })
  cancellations(@Root() report: ClinicReport): Promise<ClinicCancellation[]> {
    return this.clinics.cancellations(report.clinicId, report.range);
  }

  @FieldResolver(() => [ClinicPatientsRow], { description: "New and returning patients by period." })
  patients(@Root() report: ClinicReport): Promise<ClinicPatientsRow[]> {
    return this.clinics.patients(report.clinicId, report.range);
  }

  @FieldResolver(() => [SalesPeriod], {
    description: "Sales of the clinic's own shop (the vendor it runs in the catalog) by period (of payment).",
  })
  shopSales(@Root() report: ClinicReport): Promise<SalesPeriod[]> {
    return this.sales.salesByPeriod(CLINIC_SHOP, report.clinicId, report.range);
  }

  @FieldResolver(() => ClinicReminders, {
    description: "Care reminders due in the range for the clinic's patients and their conversion into bookings.",
  })
  reminders(@Root() report: ClinicReport): Promise<ClinicReminders> {
    return this.clinics.reminders(report.clinicId, report.range, report.conversionWindowDays);
  }
}
