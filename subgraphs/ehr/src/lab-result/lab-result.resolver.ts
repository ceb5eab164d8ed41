import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { EhrContext } from "../context";
import { RecordLabResultInput } from "./lab-result.inputs";
import { toLabResult } from "./lab-result.mapper";
import { LabResult } from "./lab-result.type";
import type { LabResultService } from "./lab-result.service";

/** Writes lab results to a pet's record. */
@Resolver(() => LabResult)
export class LabResultResolver {
  constructor(private readonly labResults: LabResultService) {}

  @Authorized()
  @Mutation(() => LabResult, { description: "Record a lab result (vets and staff of a clinic with access)." })
  async recordLabResult(
    @Arg("input", () => RecordLabResultInput, { description: "The result." }) input: RecordLabResultInput,
    @Ctx() ctx: EhrContext,
  ): Promise<LabResult> {
    return toLabResult(await this.labResults.record(ctx, input));
  }
}
