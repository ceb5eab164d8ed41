import { IsOptional, Matches, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";

const CODE = { description: "The 6-digit code the authenticator app shows now." };
const SIX_DIGITS = /^\d{6}$/;
const SIX_DIGITS_MESSAGE = { message: "must be 6 digits" };

@InputType({ description: "A code from the authenticator just added." })
export class ConfirmTotpEnrolmentInput {
  @Matches(SIX_DIGITS, SIX_DIGITS_MESSAGE)
  @Field(() => String, CODE)
  code!: string;
}

@InputType({ description: "A code from the authenticator app now, to prove it is still at hand." })
export class RegenerateRecoveryCodesInput {
  @Matches(SIX_DIGITS, SIX_DIGITS_MESSAGE)
  @Field(() => String, CODE)
  code!: string;
}

@InputType({ description: "The second factor: exactly one of `code` and `recoveryCode`." })
export class SecondFactorInput {
  @IsOptional()
  @Matches(SIX_DIGITS, SIX_DIGITS_MESSAGE)
  @Field(() => String, { nullable: true, description: `${CODE.description} Each code works once.` })
  code?: string | null;

  @IsOptional()
  @MaxLength(64)
  @Field(() => String, { nullable: true, description: "One of the recovery codes; each works once." })
  recoveryCode?: string | null;
}

@InputType({ description: "Completes a two-factor sign-in: the challenge `login` answered and a second factor." })
export class VerifyMfaInput extends SecondFactorInput {
  @MaxLength(128)
  @Field(() => String, { description: "`MfaRequired.challenge` from `login`." })
  challenge!: string;
}

@InputType({ description: "Turns two-factor sign-in off: a current code or a recovery code." })
export class DisableTotpInput extends SecondFactorInput {}
