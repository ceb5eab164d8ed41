import { LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Matches, Max, Min } from "class-validator";
import { Pet } from "../pet/pet.type";
import { maxText } from "../record/record.inputs";
import { ReminderKind } from "../record/record.enums";
import type { RecallRuleEntity, ReminderEntity } from "./reminder.entity";

export enum ReminderStatus {
  OPEN = "OPEN",
  DONE = "DONE",
}

registerEnumType(ReminderStatus, {
  name: "ReminderStatus",
  description: "Whether a reminder still needs doing.",
  valuesConfig: {
    OPEN: { description: "Still due (possibly snoozed)." },
    DONE: { description: "Marked done by an owner. (A newer vaccination moves an open reminder to the new date instead.)" },
  },
});

@ObjectType({ description: "A vaccination or treatment that is due for a pet." })
export class Reminder {
  @Field(() => ID, { description: "Id of the reminder." })
  id!: string;

  @Field(() => Pet, { nullable: true, description: "The pet it is for; null when pets cannot be reached." })
  pet!: Pet;

  @Field(() => String, { description: "What is due, e.g. \"Rabies\"." })
  title!: string;

  @Field(() => String, { description: "The recall-rule code it follows (RABIES, FLEA_TICK, ...)." })
  code!: string;

  @Field(() => ReminderKind, { description: "Vaccination or treatment." })
  kind!: ReminderKind;

  @Field(() => LocalDateResolver, { description: "When it is due." })
  dueOn!: string;

  @Field(() => ReminderStatus, { description: "Whether it still needs doing." })
  status!: ReminderStatus;

  @Field(() => LocalDateResolver, { nullable: true, description: "Hidden from upcoming reminders, and not sent again, until this date." })
  snoozedUntil!: string | null;
}

export function toReminder(row: ReminderEntity): Reminder {
  return {
    id: row.id,
    pet: { id: row.petId },
    title: row.title,
    code: row.code,
    kind: row.kind as ReminderKind,
    dueOn: row.dueOn,
    status: row.status as ReminderStatus,
    snoozedUntil: row.snoozedUntil,
  };
}

@ObjectType({ description: "How often a vaccine or treatment is due again for a species." })
export class RecallRule {
  @Field(() => ID, { description: "Id of the rule." })
  id!: string;

  @Field(() => String, { description: "Species it applies to (a `Species` value such as DOG)." })
  species!: string;

  @Field(() => String, { description: "Code of the vaccine or treatment, as used in `Vaccination.vaccineCode`." })
  code!: string;

  @Field(() => ReminderKind, { description: "Vaccination or treatment." })
  kind!: ReminderKind;

  @Field(() => String, { description: "Human-readable name." })
  name!: string;

  @Field(() => Int, { description: "Days from one dose to the next." })
  intervalDays!: number;
}

export const toRecallRule = (row: RecallRuleEntity): RecallRule => ({ ...row, kind: row.kind as ReminderKind });

@InputType({ description: "Mark a reminder done." })
export class CompleteReminderInput {
  @Field(() => ID, { description: "The reminder." })
  reminderId!: string;
}

@InputType({ description: "Hide a reminder until a later date." })
export class SnoozeReminderInput {
  @Field(() => ID, { description: "The reminder." })
  reminderId!: string;

  @Field(() => LocalDateResolver, { description: "Show it again from this date (after today, within a year)." })
  until!: string;
}

@InputType({ description: "A recall rule (platform admins)." })
export class RecallRuleInput {
  @Matches(/^[A-Z_]{2,20}$/, { message: "must be a species code such as DOG" })
  @Field(() => String, { description: "Species (a `Species` value such as DOG)." })
  species!: string;

  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: "must be an upper-case code such as RABIES" })
  @Field(() => String, { description: "Code of the vaccine or treatment." })
  code!: string;

  @Field(() => ReminderKind, { description: "Vaccination or treatment." })
  kind!: ReminderKind;

  @Matches(/\S/, { message: "must not be empty" })
  @maxText(200)
  @Field(() => String, { description: "Human-readable name." })
  name!: string;

  @Min(1, { message: "must be at least 1" })
  @Max(3650, { message: "must be at most 3650" })
  @Field(() => Int, { description: "Days from one dose to the next (1 to 3650)." })
  intervalDays!: number;
}

@InputType({ description: "The recall rule to delete." })
export class DeleteRecallRuleInput {
  @Field(() => ID, { description: "The rule's id." })
  id!: string;
}
