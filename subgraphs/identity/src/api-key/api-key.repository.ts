import { IsNull, type DataSource, type EntityManager } from "typeorm";
import { ApiKeyEntity } from "./api-key.entity";

/** A key looked up by its hash for the gateway, with what its owner's account says now. */
export interface ApiKeyAccessRow {
  id: string;
  user_id: string;
  scopes: string[];
  expires_at: Date | null;
  revoked_at: Date | null;
  expired: boolean;
  locked: boolean;
}

/** One key's requests reported by the gateway for one day. */
export interface ApiKeyUsageIncrement {
  keyId: string;
  day: string;
  requests: number;
}

/** API keys (stored hashed) and their requests per day. */
export class ApiKeyRepository {
  constructor(private readonly db: DataSource) {}

  /** The owner's keys not revoked, newest first. */
  listOpen(userId: string): Promise<ApiKeyEntity[]> {
    return this.db.getRepository(ApiKeyEntity).find({
      where: { userId, revokedAt: IsNull() },
      order: { createdAt: "DESC" },
    });
  }

  /** The owner's key with this id (revoked or not); null for anyone else's. */
  async ownedBy(manager: EntityManager, userId: string, id: string, lock = false): Promise<ApiKeyEntity | null> {
    return manager.getRepository(ApiKeyEntity).findOne({
      where: { id, userId },
      ...(lock ? { lock: { mode: "pessimistic_write" as const } } : {}),
    });
  }

  /** How many keys the owner has that are not revoked (the user row's lock, held by the caller, orders creations). */
  async countOpen(tx: EntityManager, userId: string): Promise<number> {
    const [row] = (await tx.query(
      `SELECT count(*)::int AS n FROM identity.api_keys WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    )) as { n: number }[];
    return row!.n;
  }

  /** The key with this hash, with its owner's lock state; undefined when unknown. */
  async accessByHash(keyHash: string): Promise<ApiKeyAccessRow | undefined> {
    const [row] = (await this.db.query(
      `SELECT k.id, k.user_id, k.scopes, k.expires_at, k.revoked_at,
              (k.expires_at IS NOT NULL AND k.expires_at <= now()) AS expired,
              (u.locked_at IS NOT NULL) AS locked
       FROM identity.api_keys k JOIN identity.users u ON u.id = k.user_id
       WHERE k.key_hash = $1`,
      [keyHash],
    )) as ApiKeyAccessRow[];
    return row;
  }

  /**
   * Adds the gateway's counts in one statement: one row per key and day, summed on conflict. Counts for
   * keys that no longer exist are dropped (the join).
   */
  async addUsage(increments: ApiKeyUsageIncrement[]): Promise<void> {
    if (!increments.length) return;
    await this.db.query(
      `WITH incoming AS (
         SELECT i.key_id, i.day, sum(i.requests)::bigint AS requests
         FROM unnest($1::uuid[], $2::date[], $3::bigint[]) AS i(key_id, day, requests) GROUP BY 1, 2
       ), counted AS (
         INSERT INTO identity.api_key_usage (key_id, day, user_id, requests)
         SELECT i.key_id, i.day, k.user_id, i.requests FROM incoming i JOIN identity.api_keys k ON k.id = i.key_id
         ORDER BY 1, 2
         ON CONFLICT (key_id, day) DO UPDATE SET requests = api_key_usage.requests + EXCLUDED.requests
         RETURNING key_id, day
       )
       UPDATE identity.api_keys k SET last_used_on = latest.day
       FROM (SELECT key_id, max(day) AS day FROM counted GROUP BY 1) latest
       WHERE k.id = latest.key_id AND (k.last_used_on IS NULL OR k.last_used_on < latest.day)`,
      [increments.map((i) => i.keyId), increments.map((i) => i.day), increments.map((i) => i.requests)],
    );
  }

  /** Requests per day from `from` to `to` (inclusive), every day listed, zero when none were made. */
  async usage(keyId: string, from: string, to: string): Promise<{ day: string; requests: number }[]> {
    return (await this.db.query(
      `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(u.requests, 0)::int AS requests
       FROM generate_series($2::date, $3::date, interval '1 day') AS d(day)
       LEFT JOIN identity.api_key_usage u ON u.key_id = $1 AND u.day = d.day::date
       ORDER BY d.day`,
      [keyId, from, to],
    )) as { day: string; requests: number }[];
  }
}
