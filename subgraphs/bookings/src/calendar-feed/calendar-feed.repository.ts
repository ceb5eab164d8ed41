import type { DataSource } from "typeorm";

/** Whose appointments a feed lists: the user's bookings as an owner, or theirs as a vet. */
export type FeedKind = "OWNER" | "VET";

/** Queries of `calendar_feeds`: one feed per user and kind, found by the hash of its secret token. */
export class CalendarFeedRepository {
  constructor(private readonly db: DataSource) {}

  async remove(userId: string, kind: FeedKind): Promise<void> {
    await this.db.query(`DELETE FROM bookings.calendar_feeds WHERE user_id = $1 AND kind = $2`, [userId, kind]);
  }

  /** Creates the user's feed of this kind with `id` unless they have one; returns the id of the one they have. */
  async ensure(id: string, userId: string, kind: FeedKind, tokenHash: string): Promise<string> {
    await this.db.query(
      `INSERT INTO bookings.calendar_feeds (id, user_id, kind, token_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, kind) DO NOTHING`,
      [id, userId, kind, tokenHash],
    );
    const [feed] = (await this.db.query(`SELECT id FROM bookings.calendar_feeds WHERE user_id = $1 AND kind = $2`, [
      userId,
      kind,
    ])) as { id: string }[];
    return feed!.id;
  }

  async byTokenHash(tokenHash: string): Promise<{ userId: string; kind: FeedKind } | undefined> {
    const [feed] = (await this.db.query(`SELECT user_id, kind FROM bookings.calendar_feeds WHERE token_hash = $1`, [
      tokenHash,
    ])) as { user_id: string; kind: FeedKind }[];
    return feed && { userId: feed.user_id, kind: feed.kind };
  }
}
