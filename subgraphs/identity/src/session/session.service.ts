import { hash, verify } from "@node-rs/argon2";
import { randomBytes, randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import {
  BadUserInputError,
  UnauthenticatedError,
  requireViewer,
  type BaseContext,
  type RoleName,
} from "@pawgraph/subgraph-kit";
import type { TwoFactorRepository } from "../two-factor/two-factor.repository";
import type { SigningKeys } from "../keys/signing-keys";
import type { RevocationService } from "../revocation/revocation.service";
import { ClinicMembershipEntity } from "../user/clinic-membership.entity";
import { UserEntity } from "../user/user.entity";
import type { UserRepository } from "../user/user.repository";
import { VendorMembershipEntity } from "../vendor/vendor-membership.entity";
import { checkPasswordPolicy } from "./password-policy";
import { RefreshTokenEntity } from "./refresh-token.entity";
import type { ChangePasswordInput, LoginInput, RegisterInput } from "./session.inputs";
import {
  AccountLockedError,
  AuthPayload,
  IncorrectPasswordError,
  InvalidCredentialsError,
  MfaRequired,
  RegistrationAccepted,
} from "./session.type";
import type { SignInLimiter } from "./sign-in-limiter";
import type { EmailVerificationService } from "../verification/email-verification.service";
import { sha256Hex } from "../token-hash";

/** The claims an access token carries about its user, before the session or key it belongs to. */
export type AccessClaims = Omit<Parameters<SigningKeys["signAccessToken"]>[0], "sessionId" | "scopes">;

export interface SessionSettings {
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /**
   * Roles that need two-factor sign-in (env MFA_REQUIRED_ROLES, docs/decisions/0045): a user holding one
   * without it gets tokens that leave those roles out (claim `mfa_withheld`) until they enrol. Default none.
   */
  mfaRequiredRoles: RoleName[];
  /** How long the challenge `login` answers for two-factor accounts works. */
  mfaChallengeTtlSeconds: number;
}

/** OWASP's argon2id baseline (19 MiB, 2 iterations). */
const ARGON2 = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Registration (verified by email), sign-in (rate limited per IP and per email and IP), refresh-token rotation with reuse detection, password changes, and sign-out. */
export class SessionService {
  /** Hash checked for unknown emails so both failures take the same time. */
  private readonly decoyHash = hash(randomUUID(), ARGON2);

  constructor(
    private readonly db: DataSource,
    private readonly users: UserRepository,
    private readonly keys: SigningKeys,
    private readonly settings: SessionSettings,
    private readonly verification: EmailVerificationService,
    private readonly limiter: SignInLimiter,
    private readonly revocations: RevocationService,
    private readonly twoFactor: TwoFactorRepository,
  ) {}

  hashPassword(password: string): Promise<string> {
    return hash(password, ARGON2);
  }

  /**
   * Creates the account and mails a verification link, or, when the address already has an account,
   * mails its owner a notice instead. Both answer the same RegistrationAccepted and do the same work
   * (the password is hashed either way), so `register` does not tell who has an account.
   */
  async register(ctx: BaseContext, input: RegisterInput): Promise<RegistrationAccepted> {
    await this.limiter.takeRegister(ctx.clientIp);
    const email = normalizeEmail(input.email);
    const displayName = input.displayName.trim();
    if (!displayName) throw new BadUserInputError("input.displayName", "Display name must not be empty");
    checkPasswordPolicy(input.password, email, "input.password", [displayName]);
    const passwordHash = await this.hashPassword(input.password);
    await this.db.transaction(async (tx) => {
      // Every account starts as an owner; a PLATFORM_ADMIN_EMAILS address becomes admin when verified.
      const id = await this.users.insertIfNew(tx, { email, displayName, passwordHash });
      if (id) await this.verification.issue(tx, { id, email, displayName });
      else await this.verification.noticeRegistrationAttempt(tx, email);
    });
    return Object.assign(new RegistrationAccepted(), { email });
  }

  /**
   * Failed attempts are limited per (email, IP) and per IP, counted by email whether or not an
   * account exists, so the limit reveals nothing about who is registered. Over a limit the
   * password is not even checked (RATE_LIMITED), right or wrong.
   */
  async login(
    ctx: BaseContext,
    input: LoginInput,
  ): Promise<AuthPayload | MfaRequired | InvalidCredentialsError | AccountLockedError> {
    const email = normalizeEmail(input.email);
    await this.limiter.takeLogin(ctx.clientIp, email);
    const user = await this.users.byEmail(email);
    const valid = user
      ? await verify(user.passwordHash, input.password)
      : (await verify(await this.decoyHash, input.password), false);
    if (!user || !valid) return new InvalidCredentialsError();
    // The limits count failures: a right password gives the attempt back, locked account or not.
    await this.limiter.loginSucceeded(ctx.clientIp, email);
    if (user.lockedAt) return accountLocked();
    return this.db.transaction(async (tx) => {
      // Read again under a share lock: a password change or a lock that committed while the password
      // was being checked wins; one still running waits for this sign-in and then ends its session too.
      const current = await tx
        .getRepository(UserEntity)
        .findOne({ where: { id: user.id }, lock: { mode: "pessimistic_read" } });
      if (!current || current.passwordHash !== user.passwordHash) return new InvalidCredentialsError();
      return this.afterFirstFactor(tx, current);
    });
  }

  /**
   * In the caller's transaction, once a first factor (the password, a provider's ID token) proved the
   * user: a locked account is refused, a two-factor account gets a challenge for verifyMfa, anyone else
   * a session. `user` must have been read under a share lock in `tx`.
   */
  async afterFirstFactor(tx: EntityManager, user: UserEntity): Promise<AuthPayload | MfaRequired | AccountLockedError> {
    if (user.lockedAt) return accountLocked();
    if (await this.twoFactor.isEnabled(tx, user.id)) {
      const issued = await this.twoFactor.issueChallenge(tx, user.id, this.settings.mfaChallengeTtlSeconds);
      return Object.assign(new MfaRequired(), issued);
    }
    return this.startSession(tx, user, randomUUID());
  }

  /**
   * The session at the end of a sign-in whose second step (verifyMfa) passed, exactly as `login` would
   * answer it; null when the account was locked meanwhile (the caller answers as for a locked account).
   */
  async completeSignIn(tx: EntityManager, userId: string): Promise<AuthPayload | null> {
    const user = await tx
      .getRepository(UserEntity)
      .findOne({ where: { id: userId }, lock: { mode: "pessimistic_read" } });
    if (!user || user.lockedAt) return null;
    return this.startSession(tx, user, randomUUID());
  }

  /** Whether the user holds a role that needs two-factor sign-in and has not turned it on. */
  async mfaEnrolmentRequired(tx: EntityManager, user: Pick<UserEntity, "id" | "roles">): Promise<boolean> {
    return (await this.withheldRoles(tx, user)).length > 0;
  }

  /** The roles the user's tokens leave out until they turn on two-factor sign-in. */
  private async withheldRoles(tx: EntityManager, user: Pick<UserEntity, "id" | "roles">): Promise<RoleName[]> {
    const required = user.roles.filter((role) => this.settings.mfaRequiredRoles.includes(role));
    if (!required.length || (await this.twoFactor.isEnabled(tx, user.id))) return [];
    return required;
  }

  /**
   * Exchanges a refresh token for a new pair. A token that was already rotated (or revoked) means
   * it leaked or was replayed: the whole family is revoked and the caller must sign in again.
   */
  async refresh(ctx: BaseContext, refreshToken: string): Promise<AuthPayload> {
    await this.limiter.takeRefresh(ctx.clientIp);
    const tokenHash = sha256Hex(refreshToken);
    const outcome = await this.db.transaction(async (tx) => {
      const found = await tx.getRepository(RefreshTokenEntity).findOneBy({ tokenHash });
      if (!found) return "unknown" as const;
      // The user row first, as revocations lock it (revocation.service.ts): a refresh racing a
      // password change or a lock waits for it, then sees the token revoked.
      const user = await tx
        .getRepository(UserEntity)
        .findOne({ where: { id: found.userId }, lock: { mode: "pessimistic_write" } });
      const current = await tx
        .getRepository(RefreshTokenEntity)
        .findOne({ where: { id: found.id }, lock: { mode: "pessimistic_write" } });
      if (!user || !current) return "unknown" as const;
      if (current.rotatedAt || current.revokedAt) return { reused: current };
      if (current.expiresAt.getTime() <= Date.now() || user.lockedAt) return "expired" as const;
      await tx.getRepository(RefreshTokenEntity).update(current.id, { rotatedAt: new Date() });
      return this.startSession(tx, user, current.familyId);
    });
    if (outcome === "unknown" || outcome === "expired")
      throw new UnauthenticatedError("Refresh token is invalid or expired");
    if ("reused" in outcome) {
      await this.revokeFamily(outcome.reused);
      throw new UnauthenticatedError("Refresh token was already used; the session has been revoked");
    }
    await this.limiter.refreshSucceeded(ctx.clientIp);
    return outcome;
  }

  async logout(_ctx: BaseContext, refreshToken: string): Promise<boolean> {
    const token = await this.db.getRepository(RefreshTokenEntity).findOneBy({ tokenHash: sha256Hex(refreshToken) });
    if (!token) return false;
    await this.revokeFamily(token);
    return true;
  }

  /**
   * Changes the signed-in user's password. Every session of the user ends, this one included, and
   * every access token stops within seconds (a stolen session must not outlive the change); the
   * device that asked gets a new session in the answer.
   */
  async changePassword(ctx: BaseContext, input: ChangePasswordInput): Promise<AuthPayload | IncorrectPasswordError> {
    const viewer = requireViewer(ctx.viewer);
    const user = await this.users.byId(viewer.userId);
    if (!user) throw new UnauthenticatedError();
    // Guessing the current password with a stolen access token counts like guessing it at sign-in.
    await this.limiter.takeLogin(ctx.clientIp, user.email);
    if (!(await verify(user.passwordHash, input.currentPassword))) return new IncorrectPasswordError();
    await this.limiter.loginSucceeded(ctx.clientIp, user.email);
    checkPasswordPolicy(input.newPassword, user.email, "input.newPassword");
    const passwordHash = await this.hashPassword(input.newPassword);
    const payload = await this.db.transaction(async (tx) => {
      const current = await tx
        .getRepository(UserEntity)
        .findOne({ where: { id: user.id }, lock: { mode: "pessimistic_write" } });
      // Changed in the meantime (another device): the current password checked above is no longer it.
      if (!current || current.passwordHash !== user.passwordHash) return new IncorrectPasswordError();
      await tx.getRepository(UserEntity).update(user.id, { passwordHash });
      current.sessionVersion = await this.revocations.revokeUser(tx, user.id);
      return this.startSession(tx, current, randomUUID());
    });
    await this.revocations.published();
    return payload;
  }

  /** Ends one session (logout, or a reused refresh token): its refresh tokens and, within seconds, its access tokens. */
  private async revokeFamily(token: RefreshTokenEntity): Promise<void> {
    const revoked = await this.db.transaction((tx) => this.revocations.revokeSession(tx, token.userId, token.familyId));
    if (revoked) await this.revocations.published();
  }

  /**
   * What every access token for the user says about them, a session's or an API key's: roles and
   * memberships, without the roles that need two-factor sign-in until it is on (they are named in
   * `mfaWithheldRoles` instead): every subgraph's existing checks then refuse them, and the kit's say
   * why (MFA_ENROLMENT_REQUIRED).
   */
  async accessClaims(tx: EntityManager, user: UserEntity): Promise<AccessClaims> {
    const memberships = await tx.getRepository(ClinicMembershipEntity).findBy({ userId: user.id });
    const vendors = await tx.getRepository(VendorMembershipEntity).findBy({ userId: user.id });
    const withheld = await this.withheldRoles(tx, user);
    const kept = (role: RoleName) => !withheld.includes(role);
    return {
      userId: user.id,
      email: user.email,
      emailVerified: user.emailVerifiedAt !== null,
      roles: user.roles.filter(kept),
      clinics: memberships.filter((m) => kept(m.role)).map((m) => ({ clinicId: m.clinicId, role: m.role })),
      vendors: vendors.filter((m) => kept(m.role)).map((m) => ({ vendorId: m.vendorId, role: m.role })),
      sessionVersion: user.sessionVersion,
      mfaWithheldRoles: withheld,
    };
  }

  private async startSession(tx: EntityManager, user: UserEntity, familyId: string): Promise<AuthPayload> {
    const access = await this.keys.signAccessToken(
      { ...(await this.accessClaims(tx, user)), sessionId: familyId },
      this.settings.accessTokenTtlSeconds,
    );
    const refreshToken = randomBytes(32).toString("base64url");
    const refreshTokenExpiresAt = new Date(Date.now() + this.settings.refreshTokenTtlDays * 86_400_000);
    await tx.getRepository(RefreshTokenEntity).insert({
      familyId,
      userId: user.id,
      tokenHash: sha256Hex(refreshToken),
      expiresAt: refreshTokenExpiresAt,
    });
    return Object.assign(new AuthPayload(), {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshTokenExpiresAt,
      user: { ...user },
    });
  }
}

/** A platform admin locked the account: no end date, and the same answer until they unlock it. */
function accountLocked(): AccountLockedError {
  return Object.assign(new AccountLockedError(), {
    message: "This account has been locked. Contact support.",
    lockedUntil: null,
    retryAfterSeconds: null,
  });
}
