import { LocalDateResolver } from "graphql-scalars";
import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { HealthRecord } from "../record/health-record.type";
import { User } from "../user/user.type";

/** Whether a medication entry records use or a prescription. */
/** An ATCvet code at any level, e.g. QM01AE91 (carprofen) or QP52 (anthelmintics); case is normalised on write. */
export const ATCVET_CODE = /^Q[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$/i;

export enum MedicationKind {
  STATEMENT = "STATEMENT",
  PRESCRIPTION = "PRESCRIPTION",
}

registerEnumType(MedicationKind, {
  name: "MedicationKind",
  description: "Whether a medication entry records what the pet takes or a prescription a vet wrote.",
  valuesConfig: {
    STATEMENT: { description: "The pet takes (or took) this medication." },
    PRESCRIPTION: { description: "A vet prescribed this medication." },
  },
});

/** How a medication is given. */
export enum MedicationRoute {
  ORAL = "ORAL",
  TOPICAL = "TOPICAL",
  SUBCUTANEOUS = "SUBCUTANEOUS",
  INTRAMUSCULAR = "INTRAMUSCULAR",
  INTRAVENOUS = "INTRAVENOUS",
  OPHTHALMIC = "OPHTHALMIC",
  OTIC = "OTIC",
  INHALED = "INHALED",
  RECTAL = "RECTAL",
}

registerEnumType(MedicationRoute, {
  name: "MedicationRoute",
  description: "How a medication is given.",
  valuesConfig: {
    ORAL: { description: "By mouth." },
    TOPICAL: { description: "On the skin or coat (spot-on, cream)." },
    SUBCUTANEOUS: { description: "Injection under the skin." },
    INTRAMUSCULAR: { description: "Injection into a muscle." },
    INTRAVENOUS: { description: "Into a vein." },
    OPHTHALMIC: { description: "Into the eye." },
    OTIC: { description: "Into the ear." },
    INHALED: { description: "Breathed in." },
    RECTAL: { description: "Rectally." },
  },
});

@ObjectType({ implements: HealthRecord, description: "A medication the pet takes or was prescribed." })
export class Medication extends HealthRecord {
  @Field(() => MedicationKind, { description: "Statement of use, or a prescription." })
  medicationKind!: MedicationKind;

  @Field(() => String, { description: 'Drug name and strength, e.g. "Meloxicam 1.5 mg/ml oral suspension".' })
  drug!: string;

  @Field(() => String, { nullable: true, description: "The drug's ATCvet code, e.g. `QM01AE91`; null when not given." })
  code!: string | null;

  @Field(() => Float, { description: "Amount per dose, in `doseUnit`." })
  dose!: number;

  @Field(() => String, { description: 'Unit of `dose`, e.g. "ml", "mg", "tablet".' })
  doseUnit!: string;

  @Field(() => MedicationRoute, { description: "How it is given." })
  route!: MedicationRoute;

  @Field(() => String, { description: 'How often, e.g. "once daily with food".' })
  frequency!: string;

  @Field(() => LocalDateResolver, { description: "First day." })
  startsOn!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: "Last day; null when ongoing." })
  endsOn!: string | null;

  @Field(() => Int, { description: "Refills left on a prescription." })
  refillsLeft!: number;

  @Field(() => User, { nullable: true, description: "The prescribing vet." })
  prescriber!: User | null;
}
