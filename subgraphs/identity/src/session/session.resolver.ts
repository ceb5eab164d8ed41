import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { IdentityContext } from "../context";
import type { SessionService } from "./session.service";
import { ChangePasswordInput, LoginInput, LogoutInput, RefreshSessionInput, RegisterInput } from "./session.inputs";
import { AuthPayload, ChangePasswordResult, LoginResult, LogoutPayload, RegistrationAccepted } from "./session.type";

/** The person just signed in may read their own private fields (email) in the payload. */
function signedIn<T>(ctx: IdentityContext, result: T): T {
  if (result instanceof AuthPayload) ctx.sessionUserId = result.user.id;
  return result;
}

@Resolver()
export class SessionResolver {
  constructor(private readonly sessions: SessionService) {}

  @Mutation(() => RegistrationAccepted, {
    description:
      "Create an account (role OWNER) and email a link that confirms its address; then sign in with `login` (unverified accounts can sign in). The answer is the same when the address already has an account: its owner gets an email instead. Sign-ups per IP address are limited: past the limit the call fails with RATE_LIMITED and `extensions.retryAfterSeconds`.",
  })
  register(
    @Arg("input", () => RegisterInput, { description: "The new account." }) input: RegisterInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<RegistrationAccepted> {
    return this.sessions.register(ctx, input);
  }

  @Mutation(() => LoginResult, {
    description:
      "Sign in with email and password. Failed attempts are limited per IP address, and per email from one address: past a limit the call fails with RATE_LIMITED and `extensions.retryAfterSeconds`, whatever the password. The account's owner can still sign in from elsewhere.",
  })
  async login(
    @Arg("input", () => LoginInput, { description: "Credentials." }) input: LoginInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return signedIn(ctx, await this.sessions.login(ctx, input));
  }

  @Mutation(() => AuthPayload, {
    description:
      "Exchange a refresh token for a new access token and a new refresh token. Each refresh token works once; reusing one ends the session (UNAUTHENTICATED). Failed refreshes per IP address are limited (RATE_LIMITED with `extensions.retryAfterSeconds`).",
  })
  async refreshSession(
    @Arg("input", () => RefreshSessionInput, { description: "The current refresh token." }) input: RefreshSessionInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return signedIn(ctx, await this.sessions.refresh(ctx, input.refreshToken));
  }

  @Mutation(() => LogoutPayload, {
    description:
      "Sign out: the refresh token and every token of the same session stop working (access tokens within seconds). Other sessions of the account go on.",
  })
  async logout(
    @Arg("input", () => LogoutInput, { description: "The session's refresh token." }) input: LogoutInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<LogoutPayload> {
    return { loggedOut: await this.sessions.logout(ctx, input.refreshToken) };
  }

  @Authorized()
  @Mutation(() => ChangePasswordResult, {
    description:
      "Change your password. Every session of the account ends, on every device, and their access tokens stop working within seconds; the answer is a new session for this device.",
  })
  async changePassword(
    @Arg("input", () => ChangePasswordInput, { description: "The current and the new password." })
    input: ChangePasswordInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return signedIn(ctx, await this.sessions.changePassword(ctx, input));
  }
}
