import { Field, ObjectType } from "type-graphql";
import { HealthRecord } from "../record/health-record.type";

@ObjectType({ implements: HealthRecord, description: "An owner's own note in the record." })
export class HomeNote extends HealthRecord {
  @Field(() => String, { description: "The note." })
  text!: string;

  @Field(() => Boolean, {
    description:
      "Whether only the pet's owners see this note. Carers and clinics never receive such a note, so for them it is always false.",
  })
  ownerOnly!: boolean;
}
