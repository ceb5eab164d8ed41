import type { ReminderEntity } from "./reminder.entity";
import type { Reminder, ReminderKind, ReminderStatus } from "./reminder.type";

export function toReminder(row: ReminderEntity): Reminder {
  return {
    id: row.id,
    pet: { id: row.petId },
    title: row.title,
    code: row.code,
    kind: row.kind as ReminderKind,
    dueOn: row.dueOn,
    status: row.status as ReminderStatus,
    snoozedUntil: row.snoozedUntil,
  };
}
