import type { DataSource, EntityManager } from "typeorm";
import { BadUserInputError, NotFoundError, parseId } from "@pawgraph/subgraph-kit";
import type { AccessPolicy } from "../access/access-policy";
import type { EhrContext } from "../context";
import { RecallRuleEntity } from "../recall-rule/recall-rule.entity";
import { addDays, todayUtc } from "../record/record-time";
import type { VaccinationEntity } from "../vaccination/vaccination.entity";
import { ReminderEntity } from "./reminder.entity";

/** Due dates: recall rules decide when a vaccine is due again; reminders track it until done. */
export class ReminderService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: AccessPolicy,
  ) {}

  ruleFor(manager: EntityManager, species: string, code: string): Promise<RecallRuleEntity | null> {
    return manager.getRepository(RecallRuleEntity).findOneBy({ species, code });
  }

  /** The next due date of a vaccination: as given, else from the recall rule, else none. */
  async nextDueOn(manager: EntityManager, species: string, vaccination: { vaccineCode?: string | null; nextDueOn?: string | null }, givenAt: Date): Promise<{ dueOn: string | null; rule: RecallRuleEntity | null }> {
    const rule = vaccination.vaccineCode ? await this.ruleFor(manager, species, vaccination.vaccineCode) : null;
    if (vaccination.nextDueOn) return { dueOn: vaccination.nextDueOn, rule };
    return { dueOn: rule ? addDays(givenAt, rule.intervalDays) : null, rule };
  }

  /**
   * Creates the open reminder for a vaccination's subject, or moves the existing one: only a dose given
   * no earlier than the one the reminder follows moves it, so last year's dose typed in from a paper
   * booklet does not make the pet overdue.
   */
  async onVaccination(manager: EntityManager, vaccination: VaccinationEntity, rule: RecallRuleEntity | null): Promise<void> {
    if (!vaccination.nextDueOn) return;
    const code = vaccination.vaccineCode ?? `VACCINE:${vaccination.vaccine.trim().toUpperCase()}`;
    await manager.query(
      `INSERT INTO ehr.reminders (pet_id, code, kind, title, due_on, source_vaccination_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (pet_id, code) WHERE status = 'OPEN'
       DO UPDATE SET due_on = EXCLUDED.due_on, title = EXCLUDED.title, source_vaccination_id = EXCLUDED.source_vaccination_id,
                     snoozed_until = NULL, due_event_at = NULL, updated_at = now()
       WHERE NOT EXISTS (
         SELECT 1 FROM ehr.vaccinations followed
         WHERE followed.id = ehr.reminders.source_vaccination_id AND followed.occurred_at > $7)`,
      [vaccination.petId, code, rule?.kind ?? "VACCINATION", rule?.name ?? vaccination.vaccine, vaccination.nextDueOn, vaccination.id, vaccination.occurredAt],
    );
  }

  /** Open reminders of these pets, soonest first; snoozed ones reappear when the snooze ends. */
  upcomingFor(petIds: readonly string[], withinDays: number | null): Promise<ReminderEntity[]> {
    const query = this.db
      .getRepository(ReminderEntity)
      .createQueryBuilder("r")
      .where("r.pet_id = ANY(:ids)", { ids: [...petIds] })
      .andWhere("r.status = 'OPEN'")
      .andWhere("(r.snoozed_until IS NULL OR r.snoozed_until <= :today)", { today: todayUtc() })
      .orderBy("r.due_on")
      .addOrderBy("r.id");
    if (withinDays !== null) query.andWhere("r.due_on <= :until", { until: addDays(todayUtc(), withinDays) });
    return query.getMany();
  }

  async complete(ctx: EhrContext, reminderId: string): Promise<ReminderEntity> {
    const reminder = await this.ownedReminder(ctx, reminderId);
    if (reminder.status === "OPEN") {
      await this.db.getRepository(ReminderEntity).update(reminder.id, { status: "DONE", completedAt: new Date() });
    }
    return this.db.getRepository(ReminderEntity).findOneByOrFail({ id: reminder.id });
  }

  async snooze(ctx: EhrContext, reminderId: string, until: string): Promise<ReminderEntity> {
    const reminder = await this.ownedReminder(ctx, reminderId);
    if (until <= todayUtc()) throw new BadUserInputError("input.until", "must be after today");
    if (until > addDays(todayUtc(), 365)) throw new BadUserInputError("input.until", "must be within a year");
    if (reminder.status !== "OPEN") throw new BadUserInputError("input.reminderId", "The reminder is already done");
    // A snooze means "remind me again then": the due notice is sent afresh once the snooze ends.
    await this.db.getRepository(ReminderEntity).update(reminder.id, { snoozedUntil: until, dueEventAt: null });
    return this.db.getRepository(ReminderEntity).findOneByOrFail({ id: reminder.id });
  }

  /** Reminders are the owners' to manage; anyone else gets NOT_FOUND or FORBIDDEN from the policy. */
  private async ownedReminder(ctx: EhrContext, reminderId: string): Promise<ReminderEntity> {
    const reminder = await this.db.getRepository(ReminderEntity).findOneBy({ id: parseId(reminderId, "input.reminderId") });
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
