// Runs the reminder job once and exits: for a cron schedule instead of (or besides) the in-process timer.
import { createLogger, databaseUrlFor, envInt } from "@pawgraph/subgraph-kit";
import { openEhrDatabase } from "./data-source";
import { ReminderDueJob } from "./reminder/reminder-due.job";
import { ReminderRepository } from "./reminder/reminder.repository";

async function main(): Promise<void> {
  const log = createLogger("ehr-reminder-job");
  const { dataSource } = await openEhrDatabase(databaseUrlFor("ehr"), log);
  try {
    const job = new ReminderDueJob(
      dataSource,
      new ReminderRepository(dataSource),
      { leadDays: envInt("REMINDER_LEAD_DAYS", 14), intervalMs: 0, batchSize: 500 },
      log,
    );
    const written = await job.runOnce();
    process.stdout.write(`${JSON.stringify({ written })}\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
