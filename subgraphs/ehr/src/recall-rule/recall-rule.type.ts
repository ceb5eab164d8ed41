import { Field, ID, Int, ObjectType } from "type-graphql";
import { ReminderKind } from "../reminder/reminder.type";

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
