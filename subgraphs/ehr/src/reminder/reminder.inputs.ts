import { LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType } from "type-graphql";

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
