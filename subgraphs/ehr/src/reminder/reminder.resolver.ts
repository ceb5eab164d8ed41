import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { EhrContext } from "../context";
import { CompleteReminderInput, DeleteRecallRuleInput, RecallRule, RecallRuleInput, Reminder, SnoozeReminderInput, toRecallRule, toReminder } from "./reminder.type";

@Resolver(() => Reminder)
export class ReminderResolver {
  @Authorized()
  @Mutation(() => Reminder, { description: "Mark a reminder done (owners only)." })
  async completeReminder(@Arg("input", () => CompleteReminderInput, { description: "The reminder." }) input: CompleteReminderInput, @Ctx() ctx: EhrContext): Promise<Reminder> {
    return toReminder(await ctx.services.reminders.complete(ctx, input.reminderId));
  }

  @Authorized()
  @Mutation(() => Reminder, { description: "Hide a reminder until a later date (owners only)." })
  async snoozeReminder(@Arg("input", () => SnoozeReminderInput, { description: "The reminder and the date." }) input: SnoozeReminderInput, @Ctx() ctx: EhrContext): Promise<Reminder> {
    return toReminder(await ctx.services.reminders.snooze(ctx, input.reminderId, input.until));
  }

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
