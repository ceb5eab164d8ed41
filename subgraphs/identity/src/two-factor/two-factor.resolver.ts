import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { IdentityContext } from "../context";
import { AuthPayload } from "../session/session.type";
import type { UserEntity } from "../user/user.entity";
import { User } from "../user/user.type";
import {
  ConfirmTotpEnrolmentInput,
  DisableTotpInput,
  RegenerateRecoveryCodesInput,
  VerifyMfaInput,
} from "./two-factor.inputs";
import type { TwoFactorService } from "./two-factor.service";
import {
  ConfirmTotpEnrolmentResult,
  DisableTotpResult,
  RegenerateRecoveryCodesResult,
  TotpEnrolment,
  VerifyMfaResult,
} from "./two-factor.type";

/** The user themself: the signed-in viewer, or the person a sign-in payload just signed in. */
const isSelf = (ctx: IdentityContext, user: UserEntity) => (ctx.viewer?.userId ?? ctx.sessionUserId) === user.id;

@Resolver(() => User)
export class TwoFactorResolver {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Authorized()
  @Mutation(() => TotpEnrolment, {
    description:
      "Start turning on two-factor sign-in: a new authenticator secret (replacing one not yet confirmed) to add to an authenticator app. Nothing changes until `confirmTotpEnrolment`. TWO_FACTOR_ALREADY_ENABLED when it is on.",
  })
  startTotpEnrolment(@Ctx() ctx: IdentityContext): Promise<TotpEnrolment> {
    return this.twoFactor.startEnrolment(ctx);
  }

  @Authorized()
  @Mutation(() => ConfirmTotpEnrolmentResult, {
    description:
      "Turn on two-factor sign-in with a code from the authenticator just added; answers ten recovery codes, shown only here. From then on `login` answers `MfaRequired`. TOTP_ENROLMENT_NOT_STARTED without `startTotpEnrolment`; wrong codes per account are limited (RATE_LIMITED). A session whose roles were withheld until two-factor sign-in (`mfaEnrolmentRequired`) gets them at its next `refreshSession`.",
  })
  confirmTotpEnrolment(
    @Arg("input", () => ConfirmTotpEnrolmentInput, { description: "A current code." }) input: ConfirmTotpEnrolmentInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return this.twoFactor.confirmEnrolment(ctx, input);
  }

  @Mutation(() => VerifyMfaResult, {
    description:
      "The second step of signing in with two-factor sign-in on: the challenge from `login` and a current code (each works once) or a recovery code (each works once). Answers the session as `login` would. A challenge works for 5 minutes, once, and dies after 5 wrong codes (MFA_CHALLENGE_INVALID on `input.challenge`: sign in again); wrong codes per account are limited too (RATE_LIMITED with `extensions.retryAfterSeconds`).",
  })
  async verifyMfa(
    @Arg("input", () => VerifyMfaInput, { description: "The challenge and a second factor." }) input: VerifyMfaInput,
    @Ctx() ctx: IdentityContext,
  ) {
    const result = await this.twoFactor.verify(ctx, input);
    // The person just signed in may read their own private fields (email) in the payload.
    if (result instanceof AuthPayload) ctx.sessionUserId = result.user.id;
    return result;
  }

  @Authorized()
  @Mutation(() => DisableTotpResult, {
    description:
      "Turn two-factor sign-in off with a current code or a recovery code; the authenticator and every recovery code stop working. TWO_FACTOR_NOT_ENABLED when it is off.",
  })
  disableTotp(
    @Arg("input", () => DisableTotpInput, { description: "A current code or a recovery code." })
    input: DisableTotpInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return this.twoFactor.disable(ctx, input);
  }

  @Authorized()
  @Mutation(() => RegenerateRecoveryCodesResult, {
    description:
      "Ten new recovery codes for a current code; the earlier ones stop working. TWO_FACTOR_NOT_ENABLED when two-factor sign-in is off.",
  })
  regenerateRecoveryCodes(
    @Arg("input", () => RegenerateRecoveryCodesInput, { description: "A current code." })
    input: RegenerateRecoveryCodesInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return this.twoFactor.regenerateRecoveryCodes(ctx, input);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: "Whether two-factor sign-in (an authenticator app) is on; null unless you are this user.",
  })
  twoFactorEnabled(@Root() user: UserEntity, @Ctx() ctx: IdentityContext): Promise<boolean> | null {
    return isSelf(ctx, user) ? this.twoFactor.isEnabled(user.id) : null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "True when you hold a role that needs two-factor sign-in (the platform's MFA_REQUIRED_ROLES) and it is off: your sessions leave that role out (its operations answer MFA_ENROLMENT_REQUIRED) until you turn it on and refresh the session. Null unless you are this user.",
  })
  mfaEnrolmentRequired(@Root() user: UserEntity, @Ctx() ctx: IdentityContext): Promise<boolean> | null {
    return isSelf(ctx, user) ? this.twoFactor.enrolmentRequired(user) : null;
  }
}
