import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { EhrContext } from "../context";
import { RecordMedicationInput } from "./medication.inputs";
import { toMedication } from "./medication.mapper";
import { Medication } from "./medication.type";
import type { MedicationService } from "./medication.service";

/** Writes medications and prescriptions to a pet's record. */
@Resolver(() => Medication)
export class MedicationResolver {
  constructor(private readonly medications: MedicationService) {}

  @Authorized()
  @Mutation(() => Medication, {
    description: "Record a medication or write a prescription (vets and staff of a clinic with access).",
  })
  async recordMedication(
    @Arg("input", () => RecordMedicationInput, { description: "The medication." }) input: RecordMedicationInput,
    @Ctx() ctx: EhrContext,
  ): Promise<Medication> {
    return toMedication(await this.medications.record(ctx, input));
  }
}
