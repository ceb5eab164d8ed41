import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { EhrContext } from "../context";
import { DeleteRecallRuleInput, RecallRuleInput } from "./recall-rule.inputs";
import { toRecallRule } from "./recall-rule.mapper";
import { RecallRule } from "./recall-rule.type";

/** Recall rules: anyone signed in reads them, platform admins change them. */
@Resolver(() => RecallRule)
export class RecallRuleResolver {
  @Authorized()
  @Query(() => [RecallRule], { nullable: true, description: "How often vaccines and treatments are due again, per species." })
  async recallRules(@Arg("species", () => String, { nullable: true, description: "Only this species (e.g. DOG)." }) species: string | null, @Ctx() ctx: EhrContext): Promise<RecallRule[]> {
    return (await ctx.services.recallRules.list(species)).map(toRecallRule);
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => RecallRule, { description: "Create a recall rule, or replace the one for the same species and code (platform admins)." })
  async saveRecallRule(@Arg("input", () => RecallRuleInput, { description: "The rule." }) input: RecallRuleInput, @Ctx() ctx: EhrContext): Promise<RecallRule> {
    return toRecallRule(await ctx.services.recallRules.upsert(input));
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => RecallRule, { description: "Delete a recall rule (platform admins); existing reminders stay." })
  async deleteRecallRule(@Arg("input", () => DeleteRecallRuleInput, { description: "The rule." }) input: DeleteRecallRuleInput, @Ctx() ctx: EhrContext): Promise<RecallRule> {
    return toRecallRule(await ctx.services.recallRules.delete(input.id));
  }
}
