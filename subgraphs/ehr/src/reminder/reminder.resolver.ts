import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { EhrContext } from "../context";
import { CompleteReminderInput, SnoozeReminderInput } from "./reminder.inputs";
import { toReminder } from "./reminder.mapper";
import { Reminder } from "./reminder.type";
import type { ReminderService } from "./reminder.service";

/** Owners mark reminders done or snooze them; `Pet.upcomingReminders` lists them. */
@Resolver(() => Reminder)
export class ReminderResolver {
  constructor(private readonly reminders: ReminderService) {}

  @Authorized()
  @Mutation(() => Reminder, { description: "Mark a reminder done (owners only)." })
  async completeReminder(
    @Arg("input", () => CompleteReminderInput, { description: "The reminder." }) input: CompleteReminderInput,
    @Ctx() ctx: EhrContext,
  ): Promise<Reminder> {
    return toReminder(await this.reminders.complete(ctx, input.reminderId));
  }

  @Authorized()
  @Mutation(() => Reminder, { description: "Hide a reminder until a later date (owners only)." })
  async snoozeReminder(
    @Arg("input", () => SnoozeReminderInput, { description: "The reminder and the date." }) input: SnoozeReminderInput,
    @Ctx() ctx: EhrContext,
  ): Promise<Reminder> {
    return toReminder(await this.reminders.snooze(ctx, input.reminderId, input.until));
  }
}
