import type { DataSource, EntityManager } from "typeorm";
import { ReminderEntity } from "./reminder.entity";

/** What a vaccination asks of its subject's open reminder. */
export interface FollowedVaccination {
  petId: string;
  code: string;
  kind: string;
  title: string;
  dueOn: string;
  vaccinationId: string;
  givenAt: Date;
}

/** An open reminder whose `reminder.due` event is to be written. */
export interface DueReminder {
  id: string;
  pet_id: string;
  code: string;
  title: string;
  due_on: string;
  /** The clinic of the vaccination that set the reminder, if one did. */
  clinic_id: string | null;
}

/** Pets' reminders: one open reminder per pet and code. */
export class ReminderRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * In the caller's transaction: creates the open reminder for the vaccination's code, or moves it to
   * follow this vaccination, unless the one it follows was given later.
   */
  async follow(manager: EntityManager, vaccination: FollowedVaccination): Promise<void> {
    await manager.query(
      `INSERT INTO ehr.reminders (pet_id, code, kind, title, due_on, source_vaccination_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (pet_id, code) WHERE status = 'OPEN'
       DO UPDATE SET due_on = EXCLUDED.due_on, title = EXCLUDED.title, source_vaccination_id = EXCLUDED.source_vaccination_id,
                     snoozed_until = NULL, due_event_at = NULL, updated_at = now()
       WHERE NOT EXISTS (
         SELECT 1 FROM ehr.vaccinations followed
         WHERE followed.id = ehr.reminders.source_vaccination_id AND followed.occurred_at > $7)`,
      [
        vaccination.petId,
        vaccination.code,
        vaccination.kind,
        vaccination.title,
        vaccination.dueOn,
        vaccination.vaccinationId,
        vaccination.givenAt,
      ],
    );
  }

  /** In the caller's transaction: whether this run of the due job may go on (false while another holds the lock until its commit). */
  async lockDueRun(tx: EntityManager): Promise<boolean> {
    const [{ locked }] = (await tx.query(
      `SELECT pg_try_advisory_xact_lock(hashtext('pawgraph:ehr:reminder-due')) AS locked`,
    )) as [{ locked: boolean }];
    return locked;
  }

  /**
   * In the caller's transaction: up to `limit` open reminders due within `leadDays`, not snoozed, with no
   * `reminder.due` event yet, soonest first; locked, skipping rows another transaction holds.
   */
  claimDue(tx: EntityManager, leadDays: number, limit: number): Promise<DueReminder[]> {
    return tx.query(
      `SELECT r.id, r.pet_id, r.code, r.title, r.due_on, v.clinic_id FROM ehr.reminders r
         LEFT JOIN ehr.vaccinations v ON v.id = r.source_vaccination_id
       WHERE r.status = 'OPEN' AND r.due_event_at IS NULL AND r.due_on <= (now() AT TIME ZONE 'UTC')::date + $1::int
         AND (r.snoozed_until IS NULL OR r.snoozed_until <= (now() AT TIME ZONE 'UTC')::date)
       ORDER BY r.due_on, r.id LIMIT $2 FOR UPDATE OF r SKIP LOCKED`,
      [leadDays, limit],
    );
  }

  /** In the caller's transaction: the reminder's `reminder.due` event is written. */
  async markDue(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`UPDATE ehr.reminders SET due_event_at = now() WHERE id = $1`, [id]);
  }

  /** Open reminders of these pets not snoozed past `today` (and due by `dueBy` when given), soonest first. */
  open(
    petIds: readonly string[],
    { today, dueBy }: { today: string; dueBy: string | null },
  ): Promise<ReminderEntity[]> {
    const query = this.db
      .getRepository(ReminderEntity)
      .createQueryBuilder("r")
      .where("r.pet_id = ANY(:ids)", { ids: [...petIds] })
      .andWhere("r.status = 'OPEN'")
      .andWhere("(r.snoozed_until IS NULL OR r.snoozed_until <= :today)", { today })
      .orderBy("r.due_on")
      .addOrderBy("r.id");
    if (dueBy !== null) query.andWhere("r.due_on <= :until", { until: dueBy });
    return query.getMany();
  }

  byId(id: string): Promise<ReminderEntity | null> {
    return this.db.getRepository(ReminderEntity).findOneBy({ id });
  }

  /** Changes a reminder; the reminder as it then stands. */
  async update(
    id: string,
    patch: Partial<Pick<ReminderEntity, "status" | "completedAt" | "snoozedUntil" | "dueEventAt">>,
  ): Promise<ReminderEntity> {
    const repository = this.db.getRepository(ReminderEntity);
    await repository.update(id, patch);
    return repository.findOneByOrFail({ id });
  }
}
