import { DateTimeISOResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Money } from "@pawgraph/subgraph-kit";
import { ReportRangeEcho } from "./report.types";
import type { ReportRange } from "./report-range";

export enum CancelledByRoleValue {
  OWNER = "OWNER",
  CLINIC = "CLINIC",
  PLATFORM = "PLATFORM",
  UNKNOWN = "UNKNOWN",
}
registerEnumType(CancelledByRoleValue, {
  name: "CancelledByRole",
  description: "In which capacity a booking was cancelled.",
  valuesConfig: {
    OWNER: { description: "The pet's owner cancelled." },
    CLINIC: { description: "The clinic's staff cancelled." },
    PLATFORM: { description: "The platform cancelled (e.g. the clinic left the platform)." },
    UNKNOWN: { description: "Cancelled before bookings reported who cancelled." },
  },
});

@ObjectType({ description: "A clinic's report over a range: ask only for the sections you need." })
export class ClinicReport {
  @Field(() => ID, { description: "The clinic (Clinic.id)." })
  clinicId!: string;

  @Field(() => ReportRangeEcho, { description: "The range the report covers." })
  range!: ReportRange;

  /** How long after a reminder a booking counts as its conversion (days). */
  conversionWindowDays!: number;
}

@ObjectType({ description: "Appointments of one service in one period (by appointment time)." })
export class ClinicBookingsRow {
  @Field(() => LocalDateResolver, { description: "The period's first day." })
  period!: string;

  @Field(() => ID, { description: "The service (Service.id)." })
  serviceId!: string;

  @Field(() => String, { nullable: true, description: "The service's name when booked; null for older bookings." })
  serviceName!: string | null;

  @Field(() => Int, { description: "Appointments booked in the period, whatever became of them." })
  booked!: number;

  @Field(() => Int, { description: "Of those, cancelled." })
  cancelled!: number;

  @Field(() => Int, { description: "Of those, marked as no-shows." })
  noShows!: number;

  @Field(() => Money, {
    nullable: true,
    description:
      "Service prices of the appointments neither cancelled nor no-shows; null when there are none, or no price is known (bookings made before prices were reported).",
  })
  revenue!: Money | null;
}

@ObjectType({ description: "How many appointments in the range were cancelled in one capacity." })
export class CancellationsByRole {
  @Field(() => CancelledByRoleValue, { description: "Who cancelled." })
  role!: CancelledByRoleValue;

  @Field(() => Int, { description: "Appointments in the range cancelled so." })
  count!: number;
}

@ObjectType({ description: "One cancelled appointment." })
export class ClinicCancellation {
  @Field(() => ID, { description: "The booking (Booking.id)." })
  bookingId!: string;

  @Field(() => String, { nullable: true, description: "The service's name, when known." })
  serviceName!: string | null;

  @Field(() => DateTimeISOResolver, { description: "When the appointment was to start." })
  startsAt!: Date;

  @Field(() => DateTimeISOResolver, { description: "When it was cancelled." })
  cancelledAt!: Date;

  @Field(() => ID, { nullable: true, description: "Who cancelled (User.id); null when the platform did or unknown." })
  cancelledBy!: string | null;

  @Field(() => CancelledByRoleValue, { description: "In which capacity." })
  cancelledByRole!: CancelledByRoleValue;
}

@ObjectType({ description: "Patients seen in one period: new ones and returning ones." })
export class ClinicPatientsRow {
  @Field(() => LocalDateResolver, { description: "The period's first day." })
  period!: string;

  @Field(() => Int, {
    description:
      "Patients (pets; the owner when no pet was named) whose first appointment at the clinic that was kept is in this period.",
  })
  newPatients!: number;

  @Field(() => Int, {
    description: "Patients with a kept appointment in this period who had one in an earlier period.",
  })
  returningPatients!: number;
}

@ObjectType({ description: "One care reminder (e.g. a vaccination booster) due for a patient of the clinic." })
export class ClinicReminder {
  @Field(() => ID, { description: "The reminder (ehr's Reminder.id)." })
  reminderId!: string;

  @Field(() => ID, { description: "The pet (Pet.id)." })
  petId!: string;

  @Field(() => String, { description: "The reminder's code, e.g. RABIES." })
  code!: string;

  @Field(() => String, { description: "What is due, e.g. Rabies booster." })
  title!: string;

  @Field(() => LocalDateResolver, { description: "When it is due." })
  dueOn!: string;

  @Field(() => DateTimeISOResolver, { description: "When the owner was reminded." })
  remindedAt!: Date;

  @Field(() => ID, {
    nullable: true,
    description:
      "The booking at this clinic for this pet made within the conversion window after the reminder; null if none.",
  })
  convertedBookingId!: string | null;
}

@ObjectType({ description: "Reminders due in the range for the clinic's patients, and how many led to a booking." })
export class ClinicReminders {
  @Field(() => Int, { description: "A booking within this many days after the reminder counts as its conversion." })
  conversionWindowDays!: number;

  @Field(() => Int, { description: "Reminders due in the range for pets with a booking at this clinic." })
  due!: number;

  @Field(() => Int, { description: "Of those, followed by a booking at this clinic for the pet within the window." })
  converted!: number;

  @Field(() => [ClinicReminder], { description: "The reminders, by due date (at most 500)." })
  reminders!: ClinicReminder[];
}
