import { BadUserInputError, paginate, type Connection, type ConnectionArgs } from "@pawgraph/subgraph-kit";
import type { PetsContext } from "../context";
import type { PetService } from "../pet/pet.service";
import type { WeightRecordEntity } from "./weight-record.entity";
import type { RecordWeightInput } from "./weight-record.inputs";
import { WEIGHT_PAGE, type WeightRecordRepository } from "./weight-record.repository";

/** A pet's weighings: owners record them, within the pet's life. */
export class WeightRecordService {
  constructor(
    private readonly weights: WeightRecordRepository,
    private readonly pets: PetService,
  ) {}

  /** A readable pet's weighings, newest first; pets listed together share one statement (the loader). */
  history(ctx: PetsContext, petId: string, args: ConnectionArgs): Promise<Connection<WeightRecordEntity>> {
    return paginate(args, {
      keyset: WEIGHT_PAGE,
      fetch: (page) => ctx.loaders.weightPage.load({ parentId: petId, ...page }),
    });
  }

  async record(ctx: PetsContext, input: RecordWeightInput): Promise<WeightRecordEntity> {
    const pet = await this.pets.owned(ctx, input.petId, "input.petId");
    const measuredAt = input.measuredAt ?? new Date();
    if (measuredAt.getTime() > Date.now() + 60_000)
      throw new BadUserInputError("input.measuredAt", "measuredAt must not be in the future");
    // Compared by calendar day (UTC), as the pet's dates are days: a weighing on the day of birth or death counts.
    const day = measuredAt.toISOString().slice(0, 10);
    if (pet.dateOfBirth && day < pet.dateOfBirth)
      throw new BadUserInputError("input.measuredAt", "measuredAt must not be before the pet's date of birth");
    if (pet.deceasedOn && day > pet.deceasedOn)
      throw new BadUserInputError("input.measuredAt", "measuredAt must not be after the pet's date of death");
    return this.weights.add({ petId: pet.id, weightKg: input.weightKg, measuredAt, recordedBy: ctx.viewer!.userId });
  }
}
