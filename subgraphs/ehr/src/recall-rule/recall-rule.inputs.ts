import { Matches, Max, Min } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { maxText } from "../record/record.inputs";
import { ReminderKind } from "../reminder/reminder.type";

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
