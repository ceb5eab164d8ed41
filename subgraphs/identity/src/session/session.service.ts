import { hash, verify } from "@node-rs/argon2";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { IsNull, type DataSource, type EntityManager } from "typeorm";
import { BadUserInputError, UnauthenticatedError, type BaseContext } from "@pawgraph/subgraph-kit";
import type { SigningKeys } from "../keys/signing-keys";
import { ClinicMembershipEntity } from "../user/clinic-membership.entity";
import { UserEntity } from "../user/user.entity";
import { checkPasswordPolicy } from "./password-policy";
import { RefreshTokenEntity } from "./refresh-token.entity";
import type { LoginInput, RegisterInput } from "./session.inputs";
import { AuthPayload, InvalidCredentialsError, RegistrationAccepted } from "./session.type";
import type { SignInLimiter } from "./sign-in-limiter";
import type { EmailVerificationService } from "../verification/email-verification.service";

export interface SessionSettings {
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
}

/** OWASP's argon2id baseline (19 MiB, 2 iterations). */
const ARGON2 = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Registration (verified by email), sign-in (rate limited per IP and per email and IP), refresh-token rotation with reuse detection, and sign-out. */
export class SessionService {
  /** Hash checked for unknown emails so both failures take the same time. */
  private readonly decoyHash = hash(randomUUID(), ARGON2);

  constructor(
    private readonly db: DataSource,
    private readonly keys: SigningKeys,
    private readonly settings: SessionSettings,
    private readonly verification: EmailVerificationService,
    private readonly limiter: SignInLimiter,
    private readonly platformAdminEmails: readonly string[] = [],
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
      const roles = this.platformAdminEmails.includes(email) ? ["OWNER", "PLATFORM_ADMIN"] : ["OWNER"];
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO identity.users (email, display_name, password_hash, roles) VALUES ($1, $2, $3, $4)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [email, displayName, passwordHash, roles],
      );
      if (inserted[0]) await this.verification.issue(tx, { id: inserted[0].id, email, displayName });
      else await this.verification.noticeRegistrationAttempt(tx, email);
    });
    return Object.assign(new RegistrationAccepted(), { email });
  }

  /**
   * Failed attempts are limited per (email, IP) and per IP, counted by email whether or not an
   * account exists, so the limit reveals nothing about who is registered. Over a limit the
   * password is not even checked (RATE_LIMITED), right or wrong.
   */
  async login(ctx: BaseContext, input: LoginInput): Promise<AuthPayload | InvalidCredentialsError> {
    const email = normalizeEmail(input.email);
    await this.limiter.takeLogin(ctx.clientIp, email);
    const user = await this.db.getRepository(UserEntity).findOneBy({ email });
    const valid = user
      ? await verify(user.passwordHash, input.password)
      : (await verify(await this.decoyHash, input.password), false);
    if (!user || !valid) return new InvalidCredentialsError();
    await this.limiter.loginSucceeded(ctx.clientIp, email);
    return this.db.transaction((tx) => this.startSession(tx, user, randomUUID()));
  }

  /**
   * Exchanges a refresh token for a new pair. A token that was already rotated (or revoked) means
   * it leaked or was replayed: the whole family is revoked and the caller must sign in again.
   */
  async refresh(ctx: BaseContext, refreshToken: string): Promise<AuthPayload> {
    await this.limiter.takeRefresh(ctx.clientIp);
    const tokenHash = sha256(refreshToken);
    const outcome = await this.db.transaction(async (tx) => {
      const current = await tx.getRepository(RefreshTokenEntity).findOne({ where: { tokenHash }, lock: { mode: "pessimistic_write" } });
      if (!current) return "unknown" as const;
      if (current.rotatedAt || current.revokedAt) return { reused: current.familyId };
      if (current.expiresAt.getTime() <= Date.now()) return "expired" as const;
      await tx.getRepository(RefreshTokenEntity).update(current.id, { rotatedAt: new Date() });
      const user = await tx.getRepository(UserEntity).findOneByOrFail({ id: current.userId });
      return this.startSession(tx, user, current.familyId);
    });
    if (outcome === "unknown" || outcome === "expired") throw new UnauthenticatedError("Refresh token is invalid or expired");
    if ("reused" in outcome) {
      await this.revokeFamily(outcome.reused);
      throw new UnauthenticatedError("Refresh token was already used; the session has been revoked");
    }
    await this.limiter.refreshSucceeded(ctx.clientIp);
    return outcome;
  }

  async logout(_ctx: BaseContext, refreshToken: string): Promise<boolean> {
    const token = await this.db.getRepository(RefreshTokenEntity).findOneBy({ tokenHash: sha256(refreshToken) });
    if (!token) return false;
    await this.revokeFamily(token.familyId);
    return true;
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.db.getRepository(RefreshTokenEntity).update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async startSession(tx: EntityManager, user: UserEntity, familyId: string): Promise<AuthPayload> {
    const memberships = await tx.getRepository(ClinicMembershipEntity).findBy({ userId: user.id });
    const access = await this.keys.signAccessToken(
      {
        userId: user.id,
        email: user.email,
        emailVerified: user.emailVerifiedAt !== null,
        roles: user.roles,
        clinics: memberships.map((m) => ({ clinicId: m.clinicId, role: m.role })),
      },
      this.settings.accessTokenTtlSeconds,
    );
    const refreshToken = randomBytes(32).toString("base64url");
    const refreshTokenExpiresAt = new Date(Date.now() + this.settings.refreshTokenTtlDays * 86_400_000);
    await tx.getRepository(RefreshTokenEntity).insert({
      familyId,
      userId: user.id,
      tokenHash: sha256(refreshToken),
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
