import { LocalDateResolver } from "graphql-scalars";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { User } from "../user/user.type";

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
