import { ArrayMaxSize, IsOptional, Matches, Max, Min, ValidateNested } from "class-validator";
import { LocalDateResolver } from "graphql-scalars";
import { createUnionType, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Booking } from "../booking/booking.type";
import { User } from "../user/user.type";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export enum OverrideKind {
  OFF = "OFF",
  EXTRA = "EXTRA",
}

registerEnumType(OverrideKind, {
  name: "ScheduleOverrideKind",
  description: "How a date-specific override changes a vet's hours.",
  valuesConfig: {
    OFF: { description: "Time off: the whole day when no times are given." },
    EXTRA: { description: "Extra working hours." },
  },
});

@ObjectType({ description: "One block of a vet's weekly working hours." })
export class WorkingHours {
  @Field(() => Int, { description: "ISO weekday: 1 = Monday ... 7 = Sunday." })
  weekday!: number;

  @Field(() => String, { description: "Start, HH:mm in the clinic's time zone." })
  starts!: string;

  @Field(() => String, { description: "End, HH:mm in the clinic's time zone." })
  ends!: string;
}

@ObjectType({ description: "A vet's working hours at one clinic." })
export class VetSchedule {
  @Field(() => User, { nullable: true, description: "The vet; null when identity cannot be reached." })
  vet!: User;

  @Field(() => [WorkingHours], { description: "Weekly hours." })
  hours!: WorkingHours[];
}

@InputType({ description: "One block of weekly working hours." })
export class WorkingHoursInput {
  @Min(1, { message: "must be 1 (Monday) to 7 (Sunday)" })
  @Max(7, { message: "must be 1 (Monday) to 7 (Sunday)" })
  @Field(() => Int, { description: "ISO weekday: 1 = Monday ... 7 = Sunday." })
  weekday!: number;

  @Matches(TIME, { message: "must be HH:mm" })
  @Field(() => String, { description: "Start, HH:mm local." })
  starts!: string;

  @Matches(TIME, { message: "must be HH:mm" })
  @Field(() => String, { description: "End, HH:mm local (after the start)." })
  ends!: string;
}

@InputType({ description: "Replace a vet's weekly hours at a clinic (clinic admins)." })
export class SetVetHoursInput {
  @Field(() => ID, { description: "The clinic." })
  clinicId!: string;

  @Field(() => ID, { description: "The vet (a user with the VET role at this clinic)." })
  vetId!: string;

  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Field(() => [WorkingHoursInput], { description: "All weekly blocks; replaces the current ones." })
  hours!: WorkingHoursInput[];
}

@InputType({ description: "Time off or extra hours on one date (clinic admins)." })
export class AddScheduleOverrideInput {
  @Field(() => ID, { description: "The clinic." })
  clinicId!: string;

  @Field(() => ID, { description: "The vet." })
  vetId!: string;

  @Field(() => LocalDateResolver, { description: "The date, in the clinic's time zone." })
  date!: string;

  @Field(() => OverrideKind, { description: "OFF or EXTRA." })
  kind!: OverrideKind;

  @IsOptional()
  @Matches(TIME, { message: "must be HH:mm" })
  @Field(() => String, { nullable: true, description: "Start, HH:mm; omit both times for a whole day off." })
  starts?: string | null;

  @IsOptional()
  @Matches(TIME, { message: "must be HH:mm" })
  @Field(() => String, { nullable: true, description: "End, HH:mm." })
  ends?: string | null;
}

@ObjectType({ description: "The time off or extra hours were added." })
export class ScheduleOverrideAdded {
  @Field(() => LocalDateResolver, { description: "The date, in the clinic's time zone." })
  date!: string;

  @Field(() => OverrideKind, { description: "OFF or EXTRA." })
  kind!: OverrideKind;

  @Field(() => String, { nullable: true, description: "Start, HH:mm; null for the whole day." })
  starts!: string | null;

  @Field(() => String, { nullable: true, description: "End, HH:mm; null for the whole day." })
  ends!: string | null;
}

@ObjectType({ description: "Confirmed bookings fall in the time off: move or cancel them first (nothing was changed)." })
export class BookingsInTheWayError {
  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;

  @Field(() => [Booking], { description: "The vet's confirmed bookings in that time." })
  bookings!: Booking[];
}

export const AddScheduleOverrideResult = createUnionType({
  name: "AddScheduleOverrideResult",
  description: "The override, or the bookings that keep the vet busy then.",
  types: () => [ScheduleOverrideAdded, BookingsInTheWayError] as const,
});
