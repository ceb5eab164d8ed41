import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { IdentityContext } from "../context";
import { RequestPasswordResetInput, ResetPasswordInput } from "./password-reset.inputs";
import type { PasswordResetService } from "./password-reset.service";
import { PasswordResetPayload, PasswordResetRequested } from "./password-reset.type";

@Resolver()
export class PasswordResetResolver {
  constructor(private readonly resets: PasswordResetService) {}

  @Mutation(() => PasswordResetRequested, {
    description:
      "Forgot your password: emails the account with this address a link to reset it (single use, 15 minutes; asking again spends the earlier links). The answer is the same whether or not the address has an account. Requests per email and per IP address are limited: past a limit the call fails with RATE_LIMITED and `extensions.retryAfterSeconds`.",
  })
  requestPasswordReset(
    @Arg("input", () => RequestPasswordResetInput, { description: "The account's address." })
    input: RequestPasswordResetInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<PasswordResetRequested> {
    return this.resets.request(ctx, input.email);
  }

  @Mutation(() => PasswordResetPayload, {
    description:
      "Set a new password with the token from a password reset email; no sign-in needed. Every session of the account ends, on every device, and their access tokens stop working within seconds; sign in with the new password. Errors on `input.token`: INVALID_PASSWORD_RESET_TOKEN, PASSWORD_RESET_TOKEN_USED, PASSWORD_RESET_TOKEN_EXPIRED (also when a newer link was sent); a weak password is BAD_USER_INPUT on `input.newPassword` and leaves the token usable.",
  })
  resetPassword(
    @Arg("input", () => ResetPasswordInput, { description: "The token and the new password." })
    input: ResetPasswordInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<PasswordResetPayload> {
    return this.resets.reset(ctx, input.token, input.newPassword);
  }
}
