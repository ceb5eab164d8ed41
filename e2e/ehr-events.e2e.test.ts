import { Client } from "pg";
import {
  GrantRecordAccessDocument,
  PetRemindersDocument,
  RecordVaccinationDocument,
  SnoozeReminderDocument,
} from "../clients/__generated__/graphql";
import {
  createPet,
  execute,
  registerClinic,
  registerClinicMember,
  registerUser,
  runReminderJob,
  startStack,
  type Stack,
} from "./harness";

let stack: Stack;
let db: Client;
beforeAll(async () => {
  stack = await startStack();
  db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
});
afterAll(async () => {
  await db.end();
  await stack.stop();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A pet with reminders due in a few days, through the gateway. */
async function petWithDueReminders(codes: string[]) {
  const owner = await registerUser(stack, "owner");
  const petId = (await createPet(stack, owner.token)).id;
  const { clinicId } = await registerClinic(stack);
  const vet = await registerClinicMember(stack, clinicId);
  await execute(stack.gateway.url, GrantRecordAccessDocument, { input: { petId, clinicId } }, owner.token);
  for (const [i, code] of codes.entries()) {
    const result = await execute(
      stack.gateway.url,
      RecordVaccinationDocument,
      { input: { petId, vaccination: { vaccine: code, vaccineCode: code, nextDueOn: inDays(3 + i) } } },
      vet.token,
    );
    expect(result.errors).toBeUndefined();
  }
  const reminders = (await execute(stack.gateway.url, PetRemindersDocument, { id: petId }, owner.token)).data!.pet!
    .upcomingReminders!;
  return { owner, vet, petId, reminderIds: reminders.map((r) => r.id) };
}

async function dueEventsPerReminder(reminderIds: string[]): Promise<Record<string, number>> {
  const { rows } = await db.query<{ reminder_id: string; n: number }>(
    `SELECT payload->>'reminderId' AS reminder_id, count(*)::int AS n FROM ehr.outbox
     WHERE type = 'reminder.due' AND payload->>'reminderId' = ANY($1) GROUP BY 1`,
    [reminderIds],
  );
  return Object.fromEntries(reminderIds.map((id) => [id, rows.find((r) => r.reminder_id === id)?.n ?? 0]));
}

describe("ehr events through the outbox", () => {
  it("writes vaccination.recorded once per vaccination, in the same transaction, and relays it", async () => {
    const { petId } = await petWithDueReminders(["RABIES", "DHPP"]);
    const { rows } = await db.query<{ vaccine: string; published: boolean }>(
      `SELECT payload->>'vaccine' AS vaccine, published_at IS NOT NULL AS published FROM ehr.outbox
       WHERE type = 'vaccination.recorded' AND aggregate_id = $1 ORDER BY seq`,
      [petId],
    );
    expect(rows.map((r) => r.vaccine)).toEqual(["RABIES", "DHPP"]);
    // The relay publishes within moments (LISTEN/NOTIFY wakes it; it also polls every second).
    for (let i = 0; i < 50; i++) {
      const { rows: waiting } = await db.query(
        `SELECT 1 FROM ehr.outbox WHERE aggregate_id = $1 AND published_at IS NULL`,
        [petId],
      );
      if (waiting.length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const { rows: unpublished } = await db.query(
      `SELECT 1 FROM ehr.outbox WHERE aggregate_id = $1 AND published_at IS NULL`,
      [petId],
    );
    expect(unpublished).toEqual([]);
  });

  it("the reminder job run twice writes each reminder.due once", async () => {
    const { reminderIds } = await petWithDueReminders(["RABIES", "LEPTOSPIROSIS"]);
    expect(await dueEventsPerReminder(reminderIds)).toEqual(Object.fromEntries(reminderIds.map((id) => [id, 0])));
    expect(await runReminderJob(stack)).toBeGreaterThanOrEqual(2);
    await runReminderJob(stack);
    expect(await dueEventsPerReminder(reminderIds)).toEqual(Object.fromEntries(reminderIds.map((id) => [id, 1])));
  }, 60_000);

  it("two job processes at once write each reminder.due once", async () => {
    const { reminderIds } = await petWithDueReminders(["RABIES", "DHPP", "BORDETELLA"]);
    const written = await Promise.all([runReminderJob(stack), runReminderJob(stack)]);
    expect(written[0]! + written[1]!).toBeGreaterThanOrEqual(3);
    expect(await dueEventsPerReminder(reminderIds)).toEqual(Object.fromEntries(reminderIds.map((id) => [id, 1])));
  }, 60_000);

  it("a moved reminder is due again: one more event for the new date", async () => {
    const { vet, petId, reminderIds } = await petWithDueReminders(["RABIES"]);
    await runReminderJob(stack);
    await execute(
      stack.gateway.url,
      RecordVaccinationDocument,
      { input: { petId, vaccination: { vaccine: "RABIES", vaccineCode: "RABIES", nextDueOn: inDays(10) } } },
      vet.token,
    );
    await runReminderJob(stack);
    const { rows } = await db.query<{ due_on: string }>(
      `SELECT payload->>'dueOn' AS due_on FROM ehr.outbox WHERE type = 'reminder.due' AND payload->>'reminderId' = $1 ORDER BY seq`,
      [reminderIds[0]],
    );
    expect(rows.map((r) => r.due_on)).toEqual([inDays(3), inDays(10)]);
  }, 60_000);
});

describe("snoozed reminders", () => {
  it("are not announced again while the snooze lasts", async () => {
    const { owner, reminderIds } = await petWithDueReminders(["DHPP"]);
    await runReminderJob(stack);
    const snoozed = await execute(
      stack.gateway.url,
      SnoozeReminderDocument,
      { input: { reminderId: reminderIds[0]!, until: inDays(5) } },
      owner.token,
    );
    expect(snoozed.errors).toBeUndefined();
    await runReminderJob(stack);
    expect(await dueEventsPerReminder(reminderIds)).toEqual({ [reminderIds[0]!]: 1 });
    const { rows } = await db.query(`SELECT due_event_at FROM ehr.reminders WHERE id = $1`, [reminderIds[0]]);
    // Cleared by the snooze: the job announces it again once the snooze ends.
    expect(rows).toEqual([{ due_event_at: null }]);
  }, 60_000);
});
