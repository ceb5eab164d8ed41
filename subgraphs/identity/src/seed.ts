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
] as const;

/** Development seed: demo accounts, their addresses verified, on an empty identity schema. Runs once; never in production. */
export async function seedDemoAccounts(db: DataSource, sessions: SessionService, log: Logger): Promise<void> {
  // Demo data seeded before email verification existed: the demo accounts' addresses count as verified
  // (Ben's share of Luna needs it), as they do when seeded now.
  await db.query(
    `UPDATE identity.users SET email_verified_at = now() WHERE email = ANY($1::text[]) AND email_verified_at IS NULL`,
    [DEMO_ACCOUNTS.map((a) => a.email)],
  );
  const [{ count }] = (await db.query(`SELECT count(*)::int AS count FROM identity.users`)) as [{ count: number }];
  if (count > 0) return;
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
