import { randomBytes } from "node:crypto";
import type { DataSource } from "typeorm";
import { DomainError, writeEvent, type BaseContext } from "@pawgraph/subgraph-kit";
import { IDENTITY_SCHEMA, PASSWORD_RESET_REQUESTED, type PasswordResetRequestedPayload } from "../events";
import type { RevocationService } from "../revocation/revocation.service";
import { checkPasswordPolicy } from "../session/password-policy";
import { normalizeEmail } from "../session/session.service";
import type { SignInLimiter } from "../session/sign-in-limiter";
import { UserEntity } from "../user/user.entity";
import type { PasswordResetRepository, PasswordResetTokenRow } from "./password-reset.repository";
import { PasswordResetPayload, PasswordResetRequested } from "./password-reset.type";
import { sha256Hex } from "../token-hash";

export interface PasswordResetSettings {
  /** How long a reset link works. */
  tokenTtlMinutes: number;
}

/** What resets need of the password hashing (SessionService's argon2id settings). */
export interface PasswordHasher {
  hashPassword(password: string): Promise<string>;
}

/**
 * Resets a forgotten password (docs/decisions/0042): mails a single-use, short-lived token (random,
 * stored hashed) through identity's outbox, as email verification does, and when it comes back with a
 * new password, sets it and ends every session of the account, all in one transaction.
 */
export class PasswordResetService {
  constructor(
    private readonly db: DataSource,
    private readonly tokens: PasswordResetRepository,
    private readonly passwords: PasswordHasher,
    private readonly limiter: SignInLimiter,
    private readonly revocations: RevocationService,
    private readonly settings: PasswordResetSettings,
  ) {}

  /**
   * Mails a reset link to the account with this address, spending its earlier links. The answer is the
   * same whether or not there is such an account (or it is locked: nothing to reset there), and the
   * limits count the address either way, so neither tells who has an account.
   */
  async request(ctx: BaseContext, rawEmail: string): Promise<PasswordResetRequested> {
    const email = normalizeEmail(rawEmail);
    await this.limiter.takePasswordReset(ctx.clientIp, email);
    await this.db.transaction(async (tx) => {
      // The user row's lock orders concurrent requests: exactly one link stays open.
      const user = await tx
        .getRepository(UserEntity)
        .findOne({ where: { email }, lock: { mode: "pessimistic_write" } });
      if (!user || user.lockedAt) return;
      await this.tokens.supersedeOpen(tx, user.id);
      const token = randomBytes(32).toString("base64url");
      const expiresAt = await this.tokens.insertToken(tx, {
        userId: user.id,
        email: user.email,
        tokenHash: sha256Hex(token),
        ttlMinutes: this.settings.tokenTtlMinutes,
      });
      const payload: PasswordResetRequestedPayload = {
        userId: user.id,
        email: user.email,
        displayName: user.displayName,
        token,
        expiresAt: expiresAt.toISOString(),
      };
      await writeEvent(tx, IDENTITY_SCHEMA, PASSWORD_RESET_REQUESTED.create(user.id, payload));
    });
    return Object.assign(new PasswordResetRequested(), { email });
  }

  /**
   * Sets the new password and ends every session of the account (refresh tokens now, access tokens
   * within seconds), spending the token: in one transaction, so a failure changes nothing. Unknown,
   * used and expired tokens are coded errors on `input.token`, checked before the password policy and
   * the (costly) hash; a weak password is BAD_USER_INPUT on `input.newPassword` and spends nothing.
   */
  async reset(_ctx: BaseContext, token: string, newPassword: string): Promise<PasswordResetPayload> {
    const tokenHash = sha256Hex(token);
    const found = usable(await this.tokens.byHash(this.db.manager, tokenHash));
    checkPasswordPolicy(newPassword, found.current_email, "input.newPassword", [found.display_name]);
    const passwordHash = await this.passwords.hashPassword(newPassword);
    const email = await this.db.transaction(async (tx) => {
      // The user row first, then the token (revocation.service.ts's lock order); then look again: a
      // reset or a newer request that committed meanwhile wins.
      const user = await tx
        .getRepository(UserEntity)
        .findOne({ where: { id: found.user_id }, lock: { mode: "pessimistic_write" } });
      const current = usable(await this.tokens.byHash(tx, tokenHash, true));
      if (!user) throw invalidToken();
      await tx.getRepository(UserEntity).update(user.id, { passwordHash });
      await this.tokens.markUsed(tx, { id: current.id, userId: user.id });
      await this.revocations.revokeUser(tx, user.id);
      return user.email;
    });
    await this.revocations.published();
    return Object.assign(new PasswordResetPayload(), { email });
  }
}

const invalidToken = () =>
  new DomainError("INVALID_PASSWORD_RESET_TOKEN", "This password reset link is not valid", "input.token");

/** The token, when it can still reset the password; otherwise the coded error that says why not. */
function usable(found: PasswordResetTokenRow | undefined): PasswordResetTokenRow {
  // A token for an address the account no longer has was not sent to its owner.
  if (!found || found.email !== found.current_email) throw invalidToken();
  if (found.used_at)
    throw new DomainError("PASSWORD_RESET_TOKEN_USED", "This password reset link was already used", "input.token");
  if (found.superseded_at)
    throw new DomainError(
      "PASSWORD_RESET_TOKEN_EXPIRED",
      "This password reset link was replaced by a newer one: use the latest email, or ask for a new link",
      "input.token",
    );
  if (found.expired)
    throw new DomainError(
      "PASSWORD_RESET_TOKEN_EXPIRED",
      "This password reset link has expired: ask for a new one",
      "input.token",
    );
  return found;
}
