import { Arg, Authorized, Mutation, Query, Resolver } from "type-graphql";
import { DeleteRecallRuleInput, RecallRuleInput } from "./recall-rule.inputs";
import { toRecallRule } from "./recall-rule.mapper";
import { RecallRule } from "./recall-rule.type";
import type { RecallRuleService } from "./recall-rule.service";

/** Recall rules: anyone signed in reads them, platform admins change them. */
@Resolver(() => RecallRule)
export class RecallRuleResolver {
  constructor(private readonly rules: RecallRuleService) {}

  @Authorized()
  @Query(() => [RecallRule], {
    nullable: true,
    description: "How often vaccines and treatments are due again, per species.",
  })
  async recallRules(
    @Arg("species", () => String, { nullable: true, description: "Only this species (e.g. DOG)." })
    species: string | null,
  ): Promise<RecallRule[]> {
    return (await this.rules.list(species)).map(toRecallRule);
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => RecallRule, {
    description: "Create a recall rule, or replace the one for the same species and code (platform admins).",
  })
  async saveRecallRule(
    @Arg("input", () => RecallRuleInput, { description: "The rule." }) input: RecallRuleInput,
  ): Promise<RecallRule> {
    return toRecallRule(await this.rules.upsert(input));
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => RecallRule, { description: "Delete a recall rule (platform admins); existing reminders stay." })
  async deleteRecallRule(
    @Arg("input", () => DeleteRecallRuleInput, { description: "The rule." }) input: DeleteRecallRuleInput,
  ): Promise<RecallRule> {
    return toRecallRule(await this.rules.delete(input.id));
  }
}
