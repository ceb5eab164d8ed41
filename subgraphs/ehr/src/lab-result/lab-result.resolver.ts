import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { EhrContext } from "../context";
import { RecordLabResultInput } from "./lab-result.inputs";
import { toLabResult } from "./lab-result.mapper";
import { LabResult } from "./lab-result.type";

/** Writes lab results to a pet's record. */
@Resolver(() => LabResult)
export class LabResultResolver {
  @Authorized()
  @Mutation(() => LabResult, { description: "Record a lab result (vets and staff of a clinic with access)." })
  async recordLabResult(@Arg("input", () => RecordLabResultInput, { description: "The result." }) input: RecordLabResultInput, @Ctx() ctx: EhrContext): Promise<LabResult> {
    return toLabResult(await ctx.services.labResults.record(ctx, input));
  }
}
