import type { Pool } from "pg";
import type { EntityManager } from "typeorm";

/** One line of `identity.revocations`, as stored. */
export interface RevocationRow {
  id: string;
  user_id: string;
  session_id: string | null;
  min_version: number | null;
  expires_at: Date;
}

/** The revocation log (`identity.revocations`) and the users' session versions it refers to. */
export class RevocationRepository {
  constructor(
    /**
     * Reads the log for pollers: a small pool of its own. Every process polls every second, and those
     * reads must neither queue behind requests for the request pool's connections nor count as the
     * requests' SQL statements.
     */
    private readonly logReader: Pick<Pool, "query">,
  ) {}

  /** The last id the log's sequence handed out (whether or not its entry still exists). */
  async lastId(): Promise<string> {
    const sequence = await this.logReader.query<{ last_value: string }>(
      `SELECT last_value::text FROM identity.revocations_id_seq`,
    );
    return sequence.rows[0]!.last_value;
  }

  /** Up to `limit` entries after id `after`, in id order. */
  async after(after: string, limit: number): Promise<RevocationRow[]> {
    const { rows } = await this.logReader.query<RevocationRow>(
      `SELECT id::text, user_id, session_id, min_version, expires_at FROM identity.revocations WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, limit],
    );
    return rows;
  }

  /** In the caller's transaction (which then holds the user row's lock): the user's new session version, or null when no such user. */
  async raiseSessionVersion(tx: EntityManager, userId: string): Promise<number | null> {
    const rows: { session_version: number }[] = await tx.query(
      `WITH raised AS (UPDATE identity.users SET session_version = session_version + 1 WHERE id = $1 RETURNING session_version)
       SELECT session_version FROM raised`,
      [userId],
    );
    return rows[0]?.session_version ?? null;
  }

  /** In the caller's transaction: a log entry living `ttlSeconds`, and the entries long expired gone. */
  async append(
    tx: EntityManager,
    entry: { userId: string; sessionId: string | null; minVersion: number | null },
    ttlSeconds: number,
  ): Promise<void> {
    // Pollers resume after the last id they saw, so ids must become visible in order: one writer at
    // a time (revocations are rare), until commit. Readers are not blocked.
    await tx.query(`LOCK TABLE identity.revocations IN EXCLUSIVE MODE`);
    await tx.query(
      `INSERT INTO identity.revocations (user_id, session_id, min_version, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [entry.userId, entry.sessionId, entry.minVersion, ttlSeconds],
    );
    // Entries outlive every token they could concern by the skew allowance; past that they are noise.
    await tx.query(`DELETE FROM identity.revocations WHERE expires_at < now() - interval '1 hour'`);
  }
}
