import { LocalDateResolver } from "graphql-scalars";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Pet } from "../pet/pet.type";

/** Whether a recall rule or reminder is about a vaccine or a recurring treatment. */
export enum ReminderKind {
  VACCINATION = "VACCINATION",
  TREATMENT = "TREATMENT",
}

registerEnumType(ReminderKind, {
  name: "ReminderKind",
  description: "What a reminder or recall rule is about.",
  valuesConfig: {
    VACCINATION: { description: "A vaccination booster." },
    TREATMENT: { description: "A recurring treatment such as flea, tick or worming." },
  },
});

export enum ReminderStatus {
  OPEN = "OPEN",
  DONE = "DONE",
}

registerEnumType(ReminderStatus, {
  name: "ReminderStatus",
  description: "Whether a reminder still needs doing.",
  valuesConfig: {
    OPEN: { description: "Still due (possibly snoozed)." },
    DONE: {
      description: "Marked done by an owner. (A newer vaccination moves an open reminder to the new date instead.)",
    },
  },
});

@ObjectType({ description: "A vaccination or treatment that is due for a pet." })
export class Reminder {
  @Field(() => ID, { description: "Id of the reminder." })
  id!: string;

  @Field(() => Pet, { nullable: true, description: "The pet it is for; null when pets cannot be reached." })
  pet!: Pet;

  @Field(() => String, { description: 'What is due, e.g. "Rabies".' })
  title!: string;

  @Field(() => String, { description: "The recall-rule code it follows (RABIES, FLEA_TICK, ...)." })
  code!: string;

  @Field(() => ReminderKind, { description: "Vaccination or treatment." })
  kind!: ReminderKind;

  @Field(() => LocalDateResolver, { description: "When it is due." })
  dueOn!: string;

  @Field(() => ReminderStatus, { description: "Whether it still needs doing." })
  status!: ReminderStatus;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "Hidden from upcoming reminders, and not sent again, until this date.",
  })
  snoozedUntil!: string | null;
}
