import type { EntityManager } from "typeorm";

/** A reset token looked up by its hash, with its account's address and name now. */
export interface PasswordResetTokenRow {
  id: string;
  user_id: string;
  email: string;
  used_at: Date | null;
  superseded_at: Date | null;
  expired: boolean;
  current_email: string;
  display_name: string;
}

/** Password reset tokens (stored hashed). Every statement runs in the caller's transaction or manager. */
export class PasswordResetRepository {
  /** Every open token of the account stops working (a newer one is on its way, or the password was reset). */
  async supersedeOpen(tx: EntityManager, userId: string): Promise<void> {
    await tx.query(
      `UPDATE identity.password_reset_tokens SET superseded_at = now()
       WHERE user_id = $1 AND used_at IS NULL AND superseded_at IS NULL`,
      [userId],
    );
  }

  /** Stores a token's hash; when it expires. */
  async insertToken(
    tx: EntityManager,
    token: { userId: string; email: string; tokenHash: string; ttlMinutes: number },
  ): Promise<Date> {
    const [row] = (await tx.query(
      `INSERT INTO identity.password_reset_tokens (user_id, email, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(mins => $4)) RETURNING expires_at`,
      [token.userId, token.email, token.tokenHash, token.ttlMinutes],
    )) as { expires_at: Date }[];
    return row!.expires_at;
  }

  /**
   * The token with this hash and its account; undefined when unknown. With `lock`, the token row is
   * locked too (the caller locks the user row first: revocation.service.ts's lock order).
   */
  async byHash(manager: EntityManager, tokenHash: string, lock = false): Promise<PasswordResetTokenRow | undefined> {
    const [found] = (await manager.query(
      `SELECT t.id, t.user_id, t.email, t.used_at, t.superseded_at, t.expires_at <= now() AS expired,
              u.email AS current_email, u.display_name
       FROM identity.password_reset_tokens t JOIN identity.users u ON u.id = t.user_id
       WHERE t.token_hash = $1${lock ? " FOR UPDATE OF t" : ""}`,
      [tokenHash],
    )) as PasswordResetTokenRow[];
    return found;
  }

  /** The token is used; any other open token of the account stops working with it. */
  async markUsed(tx: EntityManager, token: { id: string; userId: string }): Promise<void> {
    await tx.query(`UPDATE identity.password_reset_tokens SET used_at = now() WHERE id = $1`, [token.id]);
    await this.supersedeOpen(tx, token.userId);
  }
}
