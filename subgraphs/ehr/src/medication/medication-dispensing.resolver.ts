import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { EhrContext } from "../context";
import { toMedicationDispensing } from "./medication-dispensing.mapper";
import { MedicationDispensing } from "./medication-dispensing.type";
import { toMedication } from "./medication.mapper";
import { Medication } from "./medication.type";

/** A dispensing's prescription; reached only through a record the viewer may read (the timeline). */
@Resolver(() => MedicationDispensing)
export class MedicationDispensingResolver {
  @FieldResolver(() => Medication, {
    nullable: true,
    description: "The prescription dispensed; null if it was removed from the record since.",
  })
  async medication(@Root() dispensing: MedicationDispensing, @Ctx() ctx: EhrContext): Promise<Medication | null> {
    const row = await ctx.loaders.medication.load(dispensing.medicationId);
    return row && toMedication(row);
  }
}

/** A prescription's dispensings by shop orders, batched per request. */
@Resolver(() => Medication)
export class MedicationDispensingsResolver {
  @FieldResolver(() => [MedicationDispensing], {
    description: "What shop orders dispensed of this prescription, newest first; empty for a statement.",
  })
  async dispensings(@Root() medication: Medication, @Ctx() ctx: EhrContext): Promise<MedicationDispensing[]> {
    return (await ctx.loaders.dispensingsOfMedication.load(medication.id)).map(toMedicationDispensing);
  }
}
