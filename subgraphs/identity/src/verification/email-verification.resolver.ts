import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { IdentityContext } from "../context";
import type { UserEntity } from "../user/user.entity";
import { VerifyEmailInput } from "./email-verification.inputs";
import type { EmailVerificationService } from "./email-verification.service";
import { ResendVerificationEmailPayload, VerifyEmailPayload } from "./email-verification.type";

@Resolver()
export class EmailVerificationResolver {
  constructor(private readonly verification: EmailVerificationService) {}

  @Mutation(() => VerifyEmailPayload, {
    description:
      "Confirm an account's email address with the token from its verification email; no sign-in needed. Each token works once and for 24 hours. Errors (on `input.token`): INVALID_VERIFICATION_TOKEN, VERIFICATION_TOKEN_USED, VERIFICATION_TOKEN_EXPIRED.",
  })
  async verifyEmail(
    @Arg("input", () => VerifyEmailInput, { description: "The token." }) input: VerifyEmailInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<{ email: string; user: UserEntity }> {
    const user = await this.verification.verify(ctx, input.token);
    return { email: user.email, user };
  }

  @Authorized()
  @Mutation(() => ResendVerificationEmailPayload, {
    description:
      "Send the signed-in account a new verification email. At most one a minute and five a day (RATE_LIMITED with `extensions.retryAfterSeconds`).",
  })
  resendVerificationEmail(@Ctx() ctx: IdentityContext): Promise<ResendVerificationEmailPayload> {
    return this.verification.resend(ctx);
  }
}
