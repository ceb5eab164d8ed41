import { LocalDateResolver } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import { HealthRecord, recordFields } from "../record/health-record.type";
import { HealthRecordKind } from "../record/record.enums";
import { User } from "../user/user.type";
import type { VaccinationEntity } from "./vaccination.entity";

@ObjectType({ implements: HealthRecord, description: "A vaccine given to the pet. `occurredAt` is when it was given." })
export class Vaccination extends HealthRecord {
  @Field(() => String, { description: "Vaccine product or name, e.g. \"Nobivac Rabies\"." })
  vaccine!: string;

  @Field(() => String, { nullable: true, description: "What it protects against, as a recall-rule code (RABIES, DHPP, FVRCP, ...)." })
  vaccineCode!: string | null;

  @Field(() => String, { nullable: true, description: "Manufacturer." })
  manufacturer!: string | null;

  @Field(() => String, { nullable: true, description: "Lot (batch) number." })
  lotNumber!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Until when the vaccine protects, per its licence." })
  validUntil!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "When the next dose is due: as set, or from the recall rule for the species and code." })
  nextDueOn!: string | null;

  @Field(() => User, { nullable: true, description: "Who gave the vaccine." })
  givenBy!: User | null;
}

export function toVaccination(row: VaccinationEntity): Vaccination {
  return {
    ...recordFields(HealthRecordKind.VACCINATION, row),
    vaccine: row.vaccine,
    vaccineCode: row.vaccineCode,
    manufacturer: row.manufacturer,
    lotNumber: row.lotNumber,
    validUntil: row.validUntil,
    nextDueOn: row.nextDueOn,
    givenBy: row.givenBy ? { id: row.givenBy } : null,
  };
}
