import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { PetsContext } from "../context";
import type { WeightRecordEntity } from "./weight-record.entity";
import { RecordWeightInput } from "./weight-record.inputs";
import type { WeightRecordService } from "./weight-record.service";
import { WeightRecord } from "./weight-record.type";

/** Owners add weighings; the history itself is read through `Pet.weightHistory` and `Pet.currentWeight`. */
@Resolver(() => WeightRecord)
export class WeightRecordResolver {
  constructor(private readonly weights: WeightRecordService) {}

  @Authorized()
  @Mutation(() => WeightRecord, { description: "Add a weighing to a pet's weight history (owners only)." })
  recordWeight(
    @Arg("input", () => RecordWeightInput, { description: "The weighing." }) input: RecordWeightInput,
    @Ctx() ctx: PetsContext,
  ): Promise<WeightRecordEntity> {
    return this.weights.record(ctx, input);
  }
}
