import { DateTimeISOResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { ReportRangeInput } from "../report/report.inputs";

export enum ReportKindValue {
  CLINIC_BOOKINGS = "CLINIC_BOOKINGS",
  CLINIC_CANCELLATIONS = "CLINIC_CANCELLATIONS",
  VENDOR_SALES = "VENDOR_SALES",
  PLATFORM_SUMMARY = "PLATFORM_SUMMARY",
}
registerEnumType(ReportKindValue, {
  name: "ReportKind",
  description: "Which report a CSV export holds.",
  valuesConfig: {
    CLINIC_BOOKINGS: { description: "A clinic's appointments by period and service (needs `clinicId`)." },
    CLINIC_CANCELLATIONS: { description: "A clinic's cancelled appointments with who cancelled (needs `clinicId`)." },
    VENDOR_SALES: { description: "A vendor's units and sales by period and product (needs `vendorId`)." },
    PLATFORM_SUMMARY: {
      description: "GMV, commission, take rate and refunds by period and currency (platform admins).",
    },
  },
});

@InputType({ description: "The report to export as CSV." })
export class ExportReportInput {
  @Field(() => ReportKindValue, { description: "Which report." })
  kind!: ReportKindValue;

  @Field(() => ReportRangeInput, { description: "The days covered and their grouping." })
  range!: ReportRangeInput;

  @Field(() => ID, { nullable: true, description: "The clinic, for the CLINIC_ kinds." })
  clinicId?: string | null;

  @Field(() => ID, { nullable: true, description: "The vendor, for VENDOR_SALES." })
  vendorId?: string | null;
}

@ObjectType({ description: "A signed link that downloads one report as CSV until it expires." })
export class ReportExport {
  @Field(() => String, {
    description:
      "GET it (no Authorization header needed) for the CSV: UTF-8 with a byte-order mark and a header row. Anyone holding it can download this one report until `expiresAt`; a changed or expired link answers 403.",
  })
  url!: string;

  @Field(() => DateTimeISOResolver, { description: "When the link stops working." })
  expiresAt!: Date;
}
