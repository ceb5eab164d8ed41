import { ArrayMaxSize, IsOptional, Matches, Max, Min, ValidateNested } from "class-validator";
import { LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, Int } from "type-graphql";
import { OverrideKind } from "./schedule.type";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

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
