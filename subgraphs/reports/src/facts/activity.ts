import type { EntityManager } from "typeorm";

/**
 * Marks a user as active on the (UTC) day of an event they acted in: the platform report's active
 * users are the distinct users with such a day in the range (docs/decisions/0040).
 */
export async function recordActivity(manager: EntityManager, userId: string, at: Date): Promise<void> {
  await manager.query(
    `INSERT INTO reports.user_activity (day, user_id) VALUES (($1::timestamptz AT TIME ZONE 'UTC')::date, $2)
     ON CONFLICT DO NOTHING`,
    [at, userId],
  );
}
