import { MaxLength } from "class-validator";
import { PlausibleDate } from "@pawgraph/subgraph-kit";
import { Field, ID, InputType } from "type-graphql";

export const SHORT_TEXT = 200;
export const NOTE_TEXT = 10_000;
/** Health records start here; an earlier date is a typo, not history. */
export const EARLIEST_RECORD_DATE = "1990-01-01";

/** Fields every clinical write takes. */
@InputType({ description: "Which pet, when, and for which clinic." })
export class ClinicalRecordInput {
  @Field(() => ID, { description: "The pet." })
  petId!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The clinic writing the entry; needed only when you work at several clinics with access.",
  })
  clinicId?: string | null;

  @PlausibleDate({ notBefore: EARLIEST_RECORD_DATE })
  @Field(() => Date, {
    nullable: true,
    description: "When it happened (default now); not before 1990, not in the future.",
  })
  occurredAt?: Date | null;
}

export const maxText = (length: number) => MaxLength(length, { message: `must be at most ${length} characters` });
