import { randomBytes } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { DomainError, requireViewer, writeEvent, type BaseContext } from "@pawgraph/subgraph-kit";
import {
  EMAIL_VERIFICATION_REQUESTED,
  IDENTITY_SCHEMA,
  REGISTRATION_ATTEMPTED,
  type EmailVerificationRequestedPayload,
  type RegistrationAttemptedPayload,
} from "../events";
import { UserEntity } from "../user/user.entity";
import type { EmailVerificationRepository } from "./email-verification.repository";
import { sha256Hex } from "../token-hash";

export interface EmailVerificationSettings {
  /** How long a verification link works. */
  tokenTtlHours: number;
  /** Shortest time between two verification emails to one account. */
  resendIntervalSeconds: number;
  /** Most verification emails to one account in 24 hours (the one sent at registration included). */
  maxEmailsPerDay: number;
  /** Shortest time between two "someone tried to register with your address" emails to one account. */
  registrationNoticeIntervalMinutes: number;
}

/** The outcome of `resendVerificationEmail`. */
export interface ResendOutcome {
  email: string;
  sent: boolean;
}

/**
 * Proves that an account receives mail at its address: issues single-use, expiring tokens (random,
 * stored hashed) whose emails messaging sends from identity's outbox events, and marks the address
 * verified when one comes back. Also tells an address's owner when someone tried to register it.
 */
export class EmailVerificationService {
  constructor(
    private readonly db: DataSource,
    private readonly tokens: EmailVerificationRepository,
    private readonly settings: EmailVerificationSettings,
    /**
     * Addresses that become platform admins (PLATFORM_ADMIN_EMAILS): only once verified, or whoever
     * registered such an address first, before its owner, would be an admin.
     */
    private readonly platformAdminEmails: readonly string[] = [],
  ) {}

  /** Issues a token for the user's address and writes the event that mails it, in the caller's transaction. */
  async issue(tx: EntityManager, user: { id: string; email: string; displayName: string }): Promise<void> {
    const token = randomBytes(32).toString("base64url");
    const expiresAt = await this.tokens.insertToken(tx, {
      userId: user.id,
      email: user.email,
      tokenHash: sha256Hex(token),
      ttlHours: this.settings.tokenTtlHours,
    });
    const payload: EmailVerificationRequestedPayload = {
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      token,
      expiresAt: expiresAt.toISOString(),
    };
    await writeEvent(tx, IDENTITY_SCHEMA, EMAIL_VERIFICATION_REQUESTED.create(user.id, payload));
  }

  /**
   * Someone registered an address that has an account: its owner hears of it, at most once per
   * interval (so `register` cannot be used to flood someone's inbox). In the caller's transaction.
   */
  async noticeRegistrationAttempt(tx: EntityManager, email: string): Promise<void> {
    const user = await this.tokens.stampRegistrationNotice(tx, email, this.settings.registrationNoticeIntervalMinutes);
    if (!user) return;
    const payload: RegistrationAttemptedPayload = { userId: user.id, email, displayName: user.display_name };
    await writeEvent(tx, IDENTITY_SCHEMA, REGISTRATION_ATTEMPTED.create(user.id, payload));
  }

  /**
   * Marks the token's address verified and spends every open token of the account. Unknown, used
   * and expired tokens are coded errors on `input.token`, so an app can offer a new link.
   */
  async verify(_ctx: BaseContext, token: string): Promise<UserEntity> {
    return this.db.transaction(async (tx) => {
      const found = await this.tokens.lockToken(tx, sha256Hex(token));
      // A token for an address the account no longer has proves nothing about the current one.
      if (!found || found.email !== found.current_email)
        throw new DomainError("INVALID_VERIFICATION_TOKEN", "This verification link is not valid", "input.token");
      if (found.used_at)
        throw new DomainError("VERIFICATION_TOKEN_USED", "This verification link was already used", "input.token");
      if (found.expired)
        throw new DomainError(
          "VERIFICATION_TOKEN_EXPIRED",
          "This verification link has expired: ask for a new one",
          "input.token",
        );
      await this.tokens.markVerified(tx, found.user_id, this.platformAdminEmails.includes(found.email));
      return tx.getRepository(UserEntity).findOneByOrFail({ id: found.user_id });
    });
  }

  /**
   * Sends the viewer a new link unless their address is verified. Limited per account (the user row
   * is locked, so concurrent calls count correctly on any number of instances): RATE_LIMITED with
   * `retryAfterSeconds` within `resendIntervalSeconds` of the last email or past `maxEmailsPerDay`.
   */
  async resend(ctx: BaseContext): Promise<ResendOutcome> {
    const viewer = requireViewer(ctx.viewer);
    return this.db.transaction(async (tx) => {
      const user = await tx
        .getRepository(UserEntity)
        .findOne({ where: { id: viewer.userId }, lock: { mode: "pessimistic_write" } });
      if (!user) throw new DomainError("NOT_FOUND", "Account not found");
      if (user.emailVerifiedAt) return { email: user.email, sent: false };
      const recent = await this.tokens.recentSends(tx, user.id);
      const now = Date.now();
      const waits = [
        recent?.last ? recent.last.getTime() + this.settings.resendIntervalSeconds * 1000 - now : 0,
        recent && recent.sent >= this.settings.maxEmailsPerDay && recent.first
          ? recent.first.getTime() + 86_400_000 - now
          : 0,
      ];
      const wait = Math.max(...waits);
      if (wait > 0) {
        const retryAfterSeconds = Math.ceil(wait / 1000);
        throw new DomainError(
          "RATE_LIMITED",
          `A verification email was sent recently; try again in ${retryAfterSeconds} s`,
          undefined,
          { retryAfterSeconds },
        );
      }
      await this.issue(tx, user);
      return { email: user.email, sent: true };
    });
  }
}
