import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { EhrContext } from "../context";
import { RecordVisitInput } from "./visit.inputs";
import { toDiagnosis, toVisit } from "./visit.mapper";
import { Diagnosis, Visit } from "./visit.type";
import type { VisitService } from "./visit.service";

@Resolver(() => Visit)
export class VisitResolver {
  constructor(private readonly visits: VisitService) {}

  @Authorized()
  @Mutation(() => Visit, {
    description:
      "Record a visit with SOAP notes, diagnoses and vaccines given (vets and staff of a clinic with access).",
  })
  async recordVisit(
    @Arg("input", () => RecordVisitInput, { description: "The visit." }) input: RecordVisitInput,
    @Ctx() ctx: EhrContext,
  ): Promise<Visit> {
    return toVisit(await this.visits.record(ctx, input));
  }

  @FieldResolver(() => [Diagnosis], { description: "Diagnoses made at the visit, in the order written." })
  async diagnoses(@Root() visit: Visit, @Ctx() ctx: EhrContext): Promise<Diagnosis[]> {
    return (await ctx.loaders.diagnosesOf.load(visit.id)).map(toDiagnosis);
  }
}
