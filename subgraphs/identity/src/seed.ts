import type { DataSource } from "typeorm";
import type { Logger } from "@pawgraph/subgraph-kit";
import type { SessionService } from "./session/session.service";

export const DEMO_PASSWORD = "pawgraph-demo";

const DEMO_ACCOUNTS = [
  { email: "admin@pawgraph.dev", displayName: "Pawgraph Admin", roles: ["OWNER", "PLATFORM_ADMIN"] },
  { email: "anna@pawgraph.dev", displayName: "Anna Owner", roles: ["OWNER"] },
  { email: "ben@pawgraph.dev", displayName: "Ben Owner", roles: ["OWNER"] },
  // Vera becomes the demo clinic's vet when `npm start` creates the clinic (through the gateway).
  { email: "vera.vet@pawgraph.dev", displayName: "Dr. Vera Vet", roles: ["OWNER"] },
  // Sam runs Happy Tails, the demo's independent pet-food store, once `npm start` has it approved.
  { email: "sam.shop@pawgraph.dev", displayName: "Sam Shopkeeper", roles: ["OWNER"] },
] as const;

/**
 * Development seed: demo accounts, their addresses verified, on an empty identity schema, or the
 * accounts a newer demo added on a demo database seeded earlier (one that holds the demo admin).
 * Never in production.
 */
export async function seedDemoAccounts(db: DataSource, sessions: SessionService, log: Logger): Promise<void> {
  // Demo data seeded before email verification existed: the demo accounts' addresses count as verified
  // (Ben's share of Luna needs it), as they do when seeded now.
  await db.query(
    `UPDATE identity.users SET email_verified_at = now() WHERE email = ANY($1::text[]) AND email_verified_at IS NULL`,
    [DEMO_ACCOUNTS.map((a) => a.email)],
  );
  const [{ count, demo, missing }] = (await db.query(
    `SELECT count(*)::int AS count,
            bool_or(email = $1) AS demo,
            cardinality(array(SELECT unnest($2::text[]) EXCEPT SELECT email FROM identity.users))::int AS missing
       FROM identity.users`,
    [DEMO_ACCOUNTS[0].email, DEMO_ACCOUNTS.map((a) => a.email)],
  )) as [{ count: number; demo: boolean | null; missing: number }];
  if ((count > 0 && !demo) || missing === 0) return;
  const passwordHash = await sessions.hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const account of DEMO_ACCOUNTS) {
      await tx.query(
        `INSERT INTO identity.users (email, display_name, password_hash, roles, email_verified_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (email) DO NOTHING`,
        [account.email, account.displayName, passwordHash, account.roles],
      );
    }
  });
  log.info({ accounts: DEMO_ACCOUNTS.map((a) => a.email), password: DEMO_PASSWORD }, "seeded demo accounts");
}
