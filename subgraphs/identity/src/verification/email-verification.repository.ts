import type { EntityManager } from "typeorm";

/** A verification token looked up by its hash, with the account's address now. */
export interface VerificationTokenRow {
  user_id: string;
  email: string;
  used_at: Date | null;
  expired: boolean;
  current_email: string;
}

/** Verification emails sent to one account in the last 24 hours. */
export interface RecentSends {
  sent: number;
  last: Date | null;
  first: Date | null;
}

/**
 * Email verification tokens (stored hashed) and the account columns verification changes. Every
 * statement runs in the caller's transaction.
 */
export class EmailVerificationRepository {
  /** Stores a token's hash; when it expires. */
  async insertToken(
    tx: EntityManager,
    token: { userId: string; email: string; tokenHash: string; ttlHours: number },
  ): Promise<Date> {
    const [row] = (await tx.query(
      `INSERT INTO identity.email_verification_tokens (user_id, email, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING expires_at`,
      [token.userId, token.email, token.tokenHash, token.ttlHours],
    )) as { expires_at: Date }[];
    return row!.expires_at;
  }

  /**
   * Stamps the account with this address as told of a registration attempt, unless it was told within
   * `intervalMinutes`; the account when stamped, null otherwise.
   */
  async stampRegistrationNotice(
    tx: EntityManager,
    email: string,
    intervalMinutes: number,
  ): Promise<{ id: string; display_name: string } | null> {
    const [rows] = (await tx.query(
      `UPDATE identity.users SET registration_notice_at = now()
       WHERE email = $1 AND (registration_notice_at IS NULL OR registration_notice_at < now() - make_interval(mins => $2))
       RETURNING id, display_name`,
      [email, intervalMinutes],
    )) as [{ id: string; display_name: string }[], number];
    return rows[0] ?? null;
  }

  /** The token with this hash, locked with its account's row; undefined when unknown. */
  async lockToken(tx: EntityManager, tokenHash: string): Promise<VerificationTokenRow | undefined> {
    const [found] = (await tx.query(
      `SELECT t.user_id, t.email, t.used_at, t.expires_at <= now() AS expired, u.email AS current_email
       FROM identity.email_verification_tokens t JOIN identity.users u ON u.id = t.user_id
       WHERE t.token_hash = $1 FOR UPDATE OF t, u`,
      [tokenHash],
    )) as VerificationTokenRow[];
    return found;
  }

  /** Spends every open token of the account and marks its address verified (and the account a platform admin, when `makeAdmin`). */
  async markVerified(tx: EntityManager, userId: string, makeAdmin: boolean): Promise<void> {
    await tx.query(
      `UPDATE identity.email_verification_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    );
    await tx.query(
      `UPDATE identity.users SET email_verified_at = coalesce(email_verified_at, now()),
         roles = CASE WHEN $2 AND NOT 'PLATFORM_ADMIN' = ANY(roles) THEN array_append(roles, 'PLATFORM_ADMIN') ELSE roles END
       WHERE id = $1`,
      [userId, makeAdmin],
    );
  }

  async recentSends(tx: EntityManager, userId: string): Promise<RecentSends | undefined> {
    const [recent] = (await tx.query(
      `SELECT count(*)::int AS sent, max(created_at) AS last, min(created_at) AS first
       FROM identity.email_verification_tokens WHERE user_id = $1 AND created_at > now() - interval '24 hours'`,
      [userId],
    )) as RecentSends[];
    return recent;
  }
}
