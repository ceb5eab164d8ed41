import { LocalDateResolver } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import { HealthRecord } from "../record/health-record.type";
import { User } from "../user/user.type";

@ObjectType({ implements: HealthRecord, description: "A vaccine given to the pet. `occurredAt` is when it was given." })
export class Vaccination extends HealthRecord {
  @Field(() => String, { description: 'Vaccine product or name, e.g. "Nobivac Rabies".' })
  vaccine!: string;

  @Field(() => String, {
    nullable: true,
    description: "What it protects against, as a recall-rule code (RABIES, DHPP, FVRCP, ...).",
  })
  vaccineCode!: string | null;

  @Field(() => String, { nullable: true, description: "Manufacturer." })
  manufacturer!: string | null;

  @Field(() => String, { nullable: true, description: "Lot (batch) number." })
  lotNumber!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Until when the vaccine protects, per its licence." })
  validUntil!: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "When the next dose is due: as set, or from the recall rule for the species and code.",
  })
  nextDueOn!: string | null;

  @Field(() => User, { nullable: true, description: "Who gave the vaccine." })
  givenBy!: User | null;
}
