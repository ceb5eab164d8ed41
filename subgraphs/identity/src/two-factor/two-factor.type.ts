import { createUnionType, Field, Int, ObjectType } from "type-graphql";
import { AuthPayload } from "../session/session.type";

/** A pending authenticator: what the app shows as a QR code. */
@ObjectType({
  description:
    "A new authenticator to add to an app (Google Authenticator, 1Password, ...): show `otpauthUri` as a QR code or let the person type `secret`, then send a code it shows to `confirmTotpEnrolment`. Two-factor sign-in is off until then.",
})
export class TotpEnrolment {
  @Field(() => String, { description: "`otpauth://totp/Pawgraph:<email>?secret=...&issuer=Pawgraph`, for a QR code." })
  otpauthUri!: string;

  @Field(() => String, { description: "The same secret in base32, for typing it in by hand. Keep it secret." })
  secret!: string;
}

/** Recovery codes, shown this once. */
@ObjectType({
  description:
    "Ten single-use recovery codes, shown only in this answer: each signs in (or turns two-factor sign-in off) once when the authenticator is lost. Earlier codes stop working.",
})
export class RecoveryCodes {
  @Field(() => [String], { description: "The codes, as XXXX-XXXX-XXXX-XXXX (case and dashes do not matter)." })
  recoveryCodes!: string[];
}

@ObjectType({ description: "Two-factor sign-in is off: the authenticator and its recovery codes no longer work." })
export class TwoFactorDisabled {
  @Field(() => Boolean, { description: "Always false: two-factor sign-in is off." })
  twoFactorEnabled = false;
}

@ObjectType({
  description:
    "The code is wrong, expired or was already used (each code works once), or the recovery code is unknown or used. Nothing changed.",
})
export class InvalidMfaCodeError {
  @Field(() => String, { description: "Human-readable explanation." })
  message = "The code is incorrect or was already used";

  @Field(() => Int, {
    nullable: true,
    description:
      "`verifyMfa` only: wrong codes this challenge still takes before it stops working (sign in again then).",
  })
  attemptsLeft: number | null = null;
}

export const ConfirmTotpEnrolmentResult = createUnionType({
  name: "ConfirmTotpEnrolmentResult",
  description: "Recovery codes (two-factor sign-in is on), or why the code was refused.",
  types: () => [RecoveryCodes, InvalidMfaCodeError] as const,
});

export const VerifyMfaResult = createUnionType({
  name: "VerifyMfaResult",
  description: "The session, as `login` answers it, or why the code was refused.",
  types: () => [AuthPayload, InvalidMfaCodeError] as const,
});

export const DisableTotpResult = createUnionType({
  name: "DisableTotpResult",
  description: "Two-factor sign-in is off, or why the code was refused.",
  types: () => [TwoFactorDisabled, InvalidMfaCodeError] as const,
});

export const RegenerateRecoveryCodesResult = createUnionType({
  name: "RegenerateRecoveryCodesResult",
  description: "New recovery codes (the earlier ones stop working), or why the code was refused.",
  types: () => [RecoveryCodes, InvalidMfaCodeError] as const,
});
