import type { EntityManager } from "typeorm";
import { BadUserInputError, NotFoundError, parseId } from "@pawgraph/subgraph-kit";
import type { AccessPolicy } from "../access/access-policy";
import type { EhrContext } from "../context";
import type { RecallRuleEntity } from "../recall-rule/recall-rule.entity";
import type { RecallRuleRepository } from "../recall-rule/recall-rule.repository";
import { addDays, todayUtc } from "../record/record-time";
import type { VaccinationEntity } from "../vaccination/vaccination.entity";
import type { ReminderEntity } from "./reminder.entity";
import type { ReminderRepository } from "./reminder.repository";

/** Due dates: recall rules decide when a vaccine is due again; reminders track it until done. */
export class ReminderService {
  constructor(
    private readonly reminders: ReminderRepository,
    private readonly rules: RecallRuleRepository,
    private readonly policy: AccessPolicy,
  ) {}

  /** The next due date of a vaccination: as given, else from the recall rule, else none. */
  async nextDueOn(
    manager: EntityManager,
    species: string,
    vaccination: { vaccineCode?: string | null; nextDueOn?: string | null },
    givenAt: Date,
  ): Promise<{ dueOn: string | null; rule: RecallRuleEntity | null }> {
    const rule = vaccination.vaccineCode
      ? await this.rules.forVaccine(manager, species, vaccination.vaccineCode)
      : null;
    if (vaccination.nextDueOn) return { dueOn: vaccination.nextDueOn, rule };
    return { dueOn: rule ? addDays(givenAt, rule.intervalDays) : null, rule };
  }

  /**
   * Creates the open reminder for a vaccination's subject, or moves the existing one: only a dose given
   * no earlier than the one the reminder follows moves it, so last year's dose typed in from a paper
   * booklet does not make the pet overdue.
   */
  async onVaccination(
    manager: EntityManager,
    vaccination: VaccinationEntity,
    rule: RecallRuleEntity | null,
  ): Promise<void> {
    if (!vaccination.nextDueOn) return;
    const code = vaccination.vaccineCode ?? `VACCINE:${vaccination.vaccine.trim().toUpperCase()}`;
    await this.reminders.follow(manager, {
      petId: vaccination.petId,
      code,
      kind: rule?.kind ?? "VACCINATION",
      title: rule?.name ?? vaccination.vaccine,
      dueOn: vaccination.nextDueOn,
      vaccinationId: vaccination.id,
      givenAt: vaccination.occurredAt,
    });
  }

  /** Open reminders of these pets, soonest first; snoozed ones reappear when the snooze ends. */
  upcomingFor(petIds: readonly string[], withinDays: number | null): Promise<ReminderEntity[]> {
    const today = todayUtc();
    return this.reminders.open(petIds, { today, dueBy: withinDays === null ? null : addDays(today, withinDays) });
  }

  async complete(ctx: EhrContext, reminderId: string): Promise<ReminderEntity> {
    const reminder = await this.ownedReminder(ctx, reminderId);
    if (reminder.status !== "OPEN") return reminder;
    return this.reminders.update(reminder.id, { status: "DONE", completedAt: new Date() });
  }

  async snooze(ctx: EhrContext, reminderId: string, until: string): Promise<ReminderEntity> {
    const reminder = await this.ownedReminder(ctx, reminderId);
    if (until <= todayUtc()) throw new BadUserInputError("input.until", "must be after today");
    if (until > addDays(todayUtc(), 365)) throw new BadUserInputError("input.until", "must be within a year");
    if (reminder.status !== "OPEN") throw new BadUserInputError("input.reminderId", "The reminder is already done");
    // A snooze means "remind me again then": the due notice is sent afresh once the snooze ends.
    return this.reminders.update(reminder.id, { snoozedUntil: until, dueEventAt: null });
  }

  /** Reminders are the owners' to manage; anyone else gets NOT_FOUND or FORBIDDEN from the policy. */
  private async ownedReminder(ctx: EhrContext, reminderId: string): Promise<ReminderEntity> {
    const reminder = await this.reminders.byId(parseId(reminderId, "input.reminderId"));
    if (!reminder) throw new NotFoundError("Reminder", "input.reminderId");
    try {
      await this.policy.owner(ctx, reminder.petId);
    } catch (error) {
      if ((error as { code?: string }).code === "NOT_FOUND") throw new NotFoundError("Reminder", "input.reminderId");
      throw error;
    }
    return reminder;
  }
}
