import { IsNull, type EntityManager } from "typeorm";
import { RevocationList, type Logger, type RevocationEntry, type RevocationPage } from "@pawgraph/subgraph-kit";
import { RefreshTokenEntity } from "../session/refresh-token.entity";
import type { RevocationRepository } from "./revocation.repository";

/** Entries served per poll; a poller with more to read asks again at once. */
const PAGE_SIZE = 1_000;

/** Clock skew allowed between identity's database and the processes checking tokens. */
const SKEW_SECONDS = 60;

/**
 * Ends sessions and users' access tokens before they expire (docs/decisions/0014-revocation.md).
 * Each revocation is written in the caller's transaction, beside the change that causes it, into
 * `identity.revocations`: a log the gateway and every subgraph poll (`page`), whose entries live
 * only as long as the access tokens they concern. identity checks its own tokens against `list`,
 * which reads the same log from the database and is refreshed right after each revocation here.
 *
 * Lock order, so that revocations and sign-ins never deadlock: the user row, then refresh tokens,
 * then the log table.
 */
export class RevocationService {
  /** identity's own view of the log, for its token verifier. */
  readonly list: RevocationList;

  constructor(
    private readonly revocations: RevocationRepository,
    private readonly accessTokenTtlSeconds: number,
    pollMs: number,
    log: Logger,
  ) {
    this.list = new RevocationList((after) => this.page(after), pollMs, log);
  }

  /**
   * Logout or a reused refresh token: the session's refresh tokens and its access tokens stop.
   * Logged only when the session was still live, so replaying an old token (anyone may call
   * `logout` or `refreshSession`) cannot flood the log every process reads.
   */
  async revokeSession(tx: EntityManager, userId: string, sessionId: string): Promise<boolean> {
    const revoked = await tx
      .getRepository(RefreshTokenEntity)
      .update({ familyId: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!revoked.affected) return false;
    await this.append(tx, userId, { sessionId });
    return true;
  }

  /**
   * The user's access tokens issued so far stop (a role was taken away); their sessions go on, and
   * the next refresh issues a token with what they still hold. Takes the user row's lock.
   * Returns the new session version.
   */
  async revokeAccessTokens(tx: EntityManager, userId: string): Promise<number> {
    const version = await this.raiseVersion(tx, userId);
    await this.append(tx, userId, { minVersion: version });
    return version;
  }

  /**
   * Every session of the user ends, and every access token and API key: a password change, a locked
   * account, and (issue 17) a deleted one. Returns the new session version.
   */
  async revokeUser(tx: EntityManager, userId: string): Promise<number> {
    const version = await this.raiseVersion(tx, userId);
    await tx.getRepository(RefreshTokenEntity).update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    // API keys are sign-in material too: one a thief made must not outlive the password they used
    // (docs/decisions/0046). Their tokens already stop with the version raised above.
    await tx.query(`UPDATE identity.api_keys SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
    ]);
    await this.append(tx, userId, { minVersion: version });
    return version;
  }

  /**
   * A revoked API key: the access tokens minted for it (their `sid` is the key's id) stop. The key
   * itself is refused by identity from the moment the transaction commits (docs/decisions/0046).
   */
  async revokeKeyTokens(tx: EntityManager, userId: string, keyId: string): Promise<void> {
    await this.append(tx, userId, { sessionId: keyId });
  }

  /** Call after the transaction that revoked commits: identity's own checks see it at once (others within a poll). */
  published(): Promise<void> {
    return this.list.refresh();
  }

  /** The log after `after` (null: from the start), for `GET /internal/revocations`. */
  async page(after: string | null): Promise<RevocationPage> {
    let from = after !== null && /^\d{1,19}$/.test(after) ? after : "0";
    // A cursor past the sequence comes from another database (restored, or recreated): start over.
    const reset = BigInt(from) > BigInt(await this.revocations.lastId());
    if (reset) from = "0";
    const rows = await this.revocations.after(from, PAGE_SIZE);
    const entries: RevocationEntry[] = rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      sessionId: r.session_id,
      minVersion: r.min_version,
      expiresAt: r.expires_at.toISOString(),
    }));
    return { entries, cursor: rows.at(-1)?.id ?? from, more: rows.length === PAGE_SIZE, reset };
  }

  private async raiseVersion(tx: EntityManager, userId: string): Promise<number> {
    const version = await this.revocations.raiseSessionVersion(tx, userId);
    if (version === null) throw new Error(`no user ${userId}`);
    return version;
  }

  /** A log entry that outlives every access token it could concern, by the skew allowance. */
  private append(tx: EntityManager, userId: string, what: { sessionId?: string; minVersion?: number }): Promise<void> {
    return this.revocations.append(
      tx,
      { userId, sessionId: what.sessionId ?? null, minVersion: what.minVersion ?? null },
      this.accessTokenTtlSeconds + SKEW_SECONDS,
    );
  }
}
