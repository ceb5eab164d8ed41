import type { DataSource } from "typeorm";
import { writeEvent, type Logger } from "@pawgraph/subgraph-kit";
import { EHR_SCHEMA, REMINDER_DUE } from "../events";
import type { ReminderRepository } from "./reminder.repository";

export interface ReminderDueJobSettings {
  /** How many days before the due date the `reminder.due` event is written. */
  leadDays: number;
  /** How often the job looks (the first run is at start). */
  intervalMs: number;
  batchSize: number;
}

/**
 * Writes one `reminder.due` event per open reminder, `leadDays` before its due date. Exactly once
 * across any number of instances: each event is written in the transaction that stamps the
 * reminder's `due_event_at`, rows are claimed with SKIP LOCKED, and a transaction-scoped advisory
 * lock keeps concurrent runs from even contending. Moving or snoozing a reminder clears the stamp,
 * so the new date gets its own event; snoozed reminders wait until the snooze ends.
 */
export class ReminderDueJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly reminders: ReminderRepository,
    private readonly settings: ReminderDueJobSettings,
    private readonly log: Logger,
  ) {}

  /** One pass; returns how many events it wrote (0 when another instance holds the lock). */
  async runOnce(): Promise<number> {
    let written = 0;
    for (;;) {
      const batch = await this.db.transaction(async (tx) => {
        if (!(await this.reminders.lockDueRun(tx))) return -1;
        const due = await this.reminders.claimDue(tx, this.settings.leadDays, this.settings.batchSize);
        for (const reminder of due) {
          await this.reminders.markDue(tx, reminder.id);
          const payload = {
            reminderId: reminder.id,
            petId: reminder.pet_id,
            code: reminder.code,
            title: reminder.title,
            dueOn: reminder.due_on,
            clinicId: reminder.clinic_id,
          };
          await writeEvent(tx, EHR_SCHEMA, REMINDER_DUE.create(reminder.pet_id, payload));
        }
        return due.length;
      });
      if (batch <= 0) break;
      written += batch;
      if (batch < this.settings.batchSize) break;
    }
    if (written > 0) this.log.info({ written }, "reminder.due events written");
    return written;
  }

  start(): void {
    const tick = () => {
      this.running = this.runOnce().catch((error: unknown) => {
        this.log.error({ err: error }, "reminder job failed");
        return 0;
      });
    };
    tick();
    this.timer = setInterval(tick, this.settings.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
