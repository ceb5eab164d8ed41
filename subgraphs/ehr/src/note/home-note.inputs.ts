import { Matches } from "class-validator";
import { PlausibleDate } from "@pawgraph/subgraph-kit";
import { Field, ID, InputType } from "type-graphql";
import { EARLIEST_RECORD_DATE, maxText, NOTE_TEXT } from "../record/record.inputs";

@InputType({ description: "An owner's note in the pet's record." })
export class AddHomeNoteInput {
  @Field(() => ID, { description: "The pet." })
  petId!: string;

  @PlausibleDate({ notBefore: EARLIEST_RECORD_DATE })
  @Field(() => Date, {
    nullable: true,
    description: "When it happened (default now); not before 1990, not in the future.",
  })
  occurredAt?: Date | null;

  @Matches(/\S/, { message: "must not be empty" })
  @maxText(NOTE_TEXT)
  @Field(() => String, { description: "The note, up to 10,000 characters." })
  text!: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: "Only the pet's owners see this note: carers and clinics do not.",
  })
  ownerOnly?: boolean | null;
}
