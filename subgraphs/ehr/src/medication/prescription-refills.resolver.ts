import { Arg, Field, ID, Int, ObjectType, Query, Resolver } from "type-graphql";
import { BadUserInputError, Internal, InternalType, isUuid } from "@pawgraph/subgraph-kit";
import type { MedicationRepository } from "./medication.repository";

/**
 * What orders' care plan scheduler needs of a prescription at each run, with no owner present to ask
 * with: the running prescriptions of the plans' pets, their ATCvet code, refills left and the clinic
 * that wrote them (to tell it when a plan's refills run out). Internal: only callers holding the
 * gateway secret (orders) may ask, and the gateway never serves it.
 */
@InternalType()
@ObjectType({ description: "A running prescription as the care plan scheduler checks it (internal)." })
export class PrescriptionRefill {
  @Field(() => ID, { description: "The prescription (Medication.id)." })
  id!: string;

  @Field(() => ID, { description: "The pet it is for." })
  petId!: string;

  @Field(() => String, { nullable: true, description: "ATCvet code of the drug, when the vet gave it." })
  code!: string | null;

  @Field(() => Int, { description: "Refills left." })
  refillsLeft!: number;

  @Field(() => ID, { nullable: true, description: "The clinic that wrote it." })
  clinicId!: string | null;
}

@Resolver()
export class PrescriptionRefillsResolver {
  constructor(private readonly medications: MedicationRepository) {}

  @Internal()
  @Query(() => [PrescriptionRefill], {
    nullable: true,
    description:
      "Internal (orders' care plan scheduler): the prescriptions running today of these pets, newest first; unknown ids are left out.",
  })
  async prescriptionRefills(
    @Arg("petIds", () => [ID], { description: "Pet ids (at most 200)." }) petIds: string[],
  ): Promise<PrescriptionRefill[]> {
    if (petIds.length > 200) throw new BadUserInputError("petIds", "At most 200 pets at a time");
    const today = new Date().toISOString().slice(0, 10);
    const rows = await Promise.all(
      petIds.filter(isUuid).map((id) => this.medications.activePrescriptionsOf(id, today)),
    );
    return rows.flat().map((m) => ({
      id: m.id,
      petId: m.petId,
      code: m.code,
      refillsLeft: m.refillsLeft,
      clinicId: m.clinicId,
    }));
  }
}
