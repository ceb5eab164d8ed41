import type { DataSource } from "typeorm";
import type { Logger } from "@pawgraph/subgraph-kit";
import type { SessionService } from "./session/session.service";

export const DEMO_PASSWORD = "pawgraph-demo";
export const DEMO_CLINIC_ID = "00000000-0000-4000-8000-00000000c11c";

const DEMO_ACCOUNTS = [
  { email: "admin@pawgraph.dev", displayName: "Pawgraph Admin", roles: ["OWNER", "PLATFORM_ADMIN"], clinicRoles: [] },
  { email: "anna@pawgraph.dev", displayName: "Anna Owner", roles: ["OWNER"], clinicRoles: [] },
  { email: "ben@pawgraph.dev", displayName: "Ben Owner", roles: ["OWNER"], clinicRoles: [] },
  { email: "vera.vet@pawgraph.dev", displayName: "Dr. Vera Vet", roles: ["OWNER", "VET"], clinicRoles: ["VET"] },
] as const;

/** Development seed: demo accounts on an empty identity schema. Runs once; never in production. */
export async function seedDemoAccounts(db: DataSource, sessions: SessionService, log: Logger): Promise<void> {
  const [{ count }] = (await db.query(`SELECT count(*)::int AS count FROM identity.users`)) as [{ count: number }];
  if (count > 0) return;
  const passwordHash = await sessions.hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const account of DEMO_ACCOUNTS) {
      const [user] = (await tx.query(
        `INSERT INTO identity.users (email, display_name, password_hash, roles) VALUES ($1, $2, $3, $4)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [account.email, account.displayName, passwordHash, account.roles],
      )) as { id: string }[];
      for (const role of account.clinicRoles) {
        if (user) {
          await tx.query(`INSERT INTO identity.clinic_memberships (user_id, clinic_id, role) VALUES ($1, $2, $3)`, [user.id, DEMO_CLINIC_ID, role]);
        }
      }
    }
  });
  log.info({ accounts: DEMO_ACCOUNTS.map((a) => a.email), password: DEMO_PASSWORD }, "seeded demo accounts");
}
