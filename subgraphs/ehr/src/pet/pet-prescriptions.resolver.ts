import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { EhrContext } from "../context";
import { toMedication } from "../medication/medication.mapper";
import type { MedicationService } from "../medication/medication.service";
import { Medication } from "../medication/medication.type";
import { Pet } from "./pet.type";

@Resolver(() => Pet)
export class PetPrescriptionsResolver {
  constructor(private readonly medications: MedicationService) {}

  @FieldResolver(() => [Medication], {
    nullable: true,
    description:
      "Prescriptions running today (started, not ended), newest first, with their ATCvet `code` and refills left: what the shop checks prescription-only products against. Null when ehr cannot be reached.",
  })
  async activePrescriptions(@Root() pet: Pet, @Ctx() ctx: EhrContext): Promise<Medication[]> {
    return (await this.medications.activePrescriptions(ctx, pet.id)).map(toMedication);
  }
}
