import type { DataSource, EntityManager } from "typeorm";
import {
  BadUserInputError,
  DomainError,
  UnauthenticatedError,
  requireViewer,
  type BaseContext,
} from "@pawgraph/subgraph-kit";
import type { SessionService } from "../session/session.service";
import type { AuthPayload } from "../session/session.type";
import type { SignInLimiter } from "../session/sign-in-limiter";
import type { UserEntity } from "../user/user.entity";
import type { UserRepository } from "../user/user.repository";
import type { TotpCredentialEntity } from "./totp-credential.entity";
import { acceptedStep, newRecoveryCodes, newTotpSecret, totpUri } from "./totp";
import type {
  ConfirmTotpEnrolmentInput,
  DisableTotpInput,
  RegenerateRecoveryCodesInput,
  VerifyMfaInput,
} from "./two-factor.inputs";
import type { TwoFactorRepository } from "./two-factor.repository";
import { InvalidMfaCodeError, RecoveryCodes, TotpEnrolment, TwoFactorDisabled } from "./two-factor.type";

/** Wrong codes one sign-in challenge takes before it dies. */
export const MFA_CHALLENGE_MAX_FAILURES = 5;

/** The challenge is unknown, used, expired or dead after too many wrong codes: sign in again. */
export class MfaChallengeInvalidError extends DomainError {
  constructor() {
    super(
      "MFA_CHALLENGE_INVALID",
      "This sign-in challenge is no longer valid (used, expired or too many wrong codes); sign in again",
      "input.challenge",
    );
  }
}

type SecondFactor = { code?: string | null; recoveryCode?: string | null };

/**
 * Two-factor sign-in with TOTP (docs/decisions/0045): enrolment and its confirmation, the second step of
 * sign-in, turning it off and new recovery codes. Every code is checked under the authenticator's row lock
 * and its time step recorded, so each code works once; wrong codes count per challenge and per account.
 */
export class TwoFactorService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UserRepository,
    private readonly twoFactor: TwoFactorRepository,
    private readonly sessions: SessionService,
    private readonly limiter: SignInLimiter,
  ) {}

  /** A new pending secret for the signed-in user (replacing a pending one); refused while two-factor sign-in is on. */
  async startEnrolment(ctx: BaseContext): Promise<TotpEnrolment> {
    const viewer = requireViewer(ctx.viewer);
    const user = await this.users.byId(viewer.userId);
    if (!user) throw new UnauthenticatedError();
    const secret = newTotpSecret();
    await this.db.transaction(async (tx) => {
      const current = await this.twoFactor.credentialForUpdate(tx, user.id);
      if (current?.confirmedAt) throw alreadyEnabled();
      await this.twoFactor.savePending(tx, user.id, secret);
    });
    return Object.assign(new TotpEnrolment(), { secret, otpauthUri: totpUri(secret, user.email) });
  }

  /** A right code from the pending authenticator turns two-factor sign-in on and answers the recovery codes. */
  async confirmEnrolment(
    ctx: BaseContext,
    input: ConfirmTotpEnrolmentInput,
  ): Promise<RecoveryCodes | InvalidMfaCodeError> {
    const { userId } = requireViewer(ctx.viewer);
    return this.checked(userId, async (tx) => {
      const credential = await this.twoFactor.credentialForUpdate(tx, userId);
      if (!credential)
        throw new DomainError("TOTP_ENROLMENT_NOT_STARTED", "Start with startTotpEnrolment", "input.code");
      if (credential.confirmedAt) throw alreadyEnabled();
      const step = await acceptedStep(credential.secret, input.code, credential.lastUsedStep);
      if (step === null) return new InvalidMfaCodeError();
      await this.twoFactor.spendStep(tx, userId, step, true);
      return this.issueRecoveryCodes(tx, userId);
    });
  }

  /** New recovery codes for a current code; the earlier ones stop working. */
  async regenerateRecoveryCodes(
    ctx: BaseContext,
    input: RegenerateRecoveryCodesInput,
  ): Promise<RecoveryCodes | InvalidMfaCodeError> {
    const { userId } = requireViewer(ctx.viewer);
    return this.checked(userId, async (tx) => {
      const credential = await this.enabledCredential(tx, userId);
      if (!(await this.spendSecondFactor(tx, credential, { code: input.code }))) return new InvalidMfaCodeError();
      return this.issueRecoveryCodes(tx, userId);
    });
  }

  /** Turns two-factor sign-in off for a current code or a recovery code. */
  async disable(ctx: BaseContext, input: DisableTotpInput): Promise<TwoFactorDisabled | InvalidMfaCodeError> {
    const { userId } = requireViewer(ctx.viewer);
    const factor = oneFactor(input);
    return this.checked(userId, async (tx) => {
      const credential = await this.enabledCredential(tx, userId);
      if (!(await this.spendSecondFactor(tx, credential, factor))) return new InvalidMfaCodeError();
      await this.twoFactor.remove(tx, userId);
      return new TwoFactorDisabled();
    });
  }

  /**
   * The second step of a two-factor sign-in: a live challenge and a current code (or a recovery code)
   * answer the session `login` would have. A wrong one counts against the challenge (it dies at the
   * fifth) and against the account; the failure is committed, not rolled back with the answer.
   */
  async verify(ctx: BaseContext, input: VerifyMfaInput): Promise<AuthPayload | InvalidMfaCodeError> {
    const factor = oneFactor(input);
    const challenge = await this.twoFactor.challenge(this.db.manager, input.challenge);
    if (!challenge || challenge.usedAt || challenge.expiresAt.getTime() <= Date.now())
      throw new MfaChallengeInvalidError();
    return this.checked(challenge.userId, async (tx) => {
      const current = await this.twoFactor.challengeForUpdate(tx, input.challenge);
      // Spent or killed by a parallel attempt while this one waited for the limiter.
      if (!current || current.usedAt || current.expiresAt.getTime() <= Date.now()) throw new MfaChallengeInvalidError();
      const credential = await this.enabledCredential(tx, current.userId).catch(() => null);
      if (!credential) throw new MfaChallengeInvalidError();
      if (!(await this.spendSecondFactor(tx, credential, factor))) {
        const failed = current.failedAttempts + 1;
        await this.twoFactor.recordChallengeFailure(tx, current.id, failed, failed >= MFA_CHALLENGE_MAX_FAILURES);
        return Object.assign(new InvalidMfaCodeError(), {
          attemptsLeft: Math.max(0, MFA_CHALLENGE_MAX_FAILURES - failed),
        });
      }
      await this.twoFactor.spendChallenge(tx, current.id);
      const session = await this.sessions.completeSignIn(tx, current.userId);
      if (!session) throw new MfaChallengeInvalidError();
      return session;
    });
  }

  /** Whether two-factor sign-in is on for the user. */
  isEnabled(userId: string): Promise<boolean> {
    return this.twoFactor.isEnabled(this.db.manager, userId);
  }

  /** Whether the user holds a role in MFA_REQUIRED_ROLES without two-factor sign-in (their tokens leave it out). */
  enrolmentRequired(user: Pick<UserEntity, "id" | "roles">): Promise<boolean> {
    return this.sessions.mfaEnrolmentRequired(this.db.manager, user);
  }

  /**
   * Runs a code check for `userId` under the per-account budget: a point is taken first (RATE_LIMITED
   * when spent), and a success forgets the account's failures.
   */
  private async checked<T>(
    userId: string,
    check: (tx: EntityManager) => Promise<T | InvalidMfaCodeError>,
  ): Promise<T | InvalidMfaCodeError> {
    await this.limiter.takeMfa(userId);
    const outcome = await this.db.transaction(check);
    if (!(outcome instanceof InvalidMfaCodeError)) await this.limiter.mfaSucceeded(userId);
    return outcome;
  }

  private async enabledCredential(tx: EntityManager, userId: string): Promise<TotpCredentialEntity> {
    const credential = await this.twoFactor.credentialForUpdate(tx, userId);
    if (!credential?.confirmedAt)
      throw new DomainError("TWO_FACTOR_NOT_ENABLED", "Two-factor sign-in is not turned on for this account");
    return credential;
  }

  /** Checks and spends the factor: a code's time step (refused when not after the last), or a recovery code. */
  private async spendSecondFactor(tx: EntityManager, credential: TotpCredentialEntity, factor: SecondFactor) {
    if (factor.recoveryCode) return this.twoFactor.spendRecoveryCode(tx, credential.userId, factor.recoveryCode);
    const step = await acceptedStep(credential.secret, factor.code ?? "", credential.lastUsedStep);
    if (step === null) return false;
    await this.twoFactor.spendStep(tx, credential.userId, step);
    return true;
  }

  private async issueRecoveryCodes(tx: EntityManager, userId: string): Promise<RecoveryCodes> {
    const recoveryCodes = newRecoveryCodes();
    await this.twoFactor.replaceRecoveryCodes(tx, userId, recoveryCodes);
    return Object.assign(new RecoveryCodes(), { recoveryCodes });
  }
}

function alreadyEnabled(): DomainError {
  return new DomainError("TWO_FACTOR_ALREADY_ENABLED", "Two-factor sign-in is already on; turn it off first");
}

/** Exactly one of `code` and `recoveryCode`. */
function oneFactor(input: SecondFactor): SecondFactor {
  const given = [input.code, input.recoveryCode].filter((v) => v !== null && v !== undefined && v !== "");
  if (given.length !== 1) throw new BadUserInputError("input.code", "Give exactly one of code and recoveryCode");
  return input;
}
