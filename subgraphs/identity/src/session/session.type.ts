import { createUnionType, Field, Int, ObjectType } from "type-graphql";
import { User } from "../user/user.type";

/** Tokens for a signed-in session. */
@ObjectType({ description: "A signed-in session: a short-lived access token and a refresh token to renew it." })
export class AuthPayload {
  @Field(() => String, { description: "JWT to send as `Authorization: Bearer <token>`; valid for 15 minutes." })
  accessToken!: string;

  @Field(() => Date, { description: "When the access token expires." })
  accessTokenExpiresAt!: Date;

  @Field(() => String, {
    description: "Opaque token for `refreshSession`; single use, replaced on every refresh. Keep it secret.",
  })
  refreshToken!: string;

  @Field(() => Date, { description: "When the refresh token expires if unused." })
  refreshTokenExpiresAt!: Date;

  @Field(() => User, { description: "The signed-in user." })
  user!: User;
}

@ObjectType({ description: "The email or password is wrong. The same answer is given for unknown emails." })
export class InvalidCredentialsError {
  @Field(() => String, { description: "Human-readable explanation." })
  message = "Email or password is incorrect";
}

@ObjectType({
  description:
    "Signing in is not possible for now: too many failed sign-ins for this email (try again later), or a platform admin locked the account (both times null: until they unlock it).",
})
export class AccountLockedError {
  @Field(() => String, { description: "Human-readable explanation." })
  message = "Too many failed sign-in attempts. Try again later.";

  @Field(() => Date, {
    nullable: true,
    description: "When sign-in attempts are accepted again; null when an admin locked the account.",
  })
  lockedUntil!: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: "Seconds until sign-in attempts are accepted again; null when an admin locked the account.",
  })
  retryAfterSeconds!: number | null;
}

@ObjectType({
  description:
    "The password was right and the account has two-factor sign-in on: send `challenge` with a code from the authenticator app (or a recovery code) to `verifyMfa` to get the session.",
})
export class MfaRequired {
  @Field(() => String, {
    description:
      "Opaque proof of the password step for `verifyMfa`: works once, for 5 minutes, and dies after 5 wrong codes.",
  })
  challenge!: string;

  @Field(() => Date, { description: "When the challenge stops working." })
  expiresAt!: Date;

  @Field(() => String, { description: "What to tell the person signing in." })
  message = "Enter the 6-digit code from your authenticator app, or one of your recovery codes.";
}

@ObjectType({ description: "The current password given is wrong; nothing was changed." })
export class IncorrectPasswordError {
  @Field(() => String, { description: "Human-readable explanation." })
  message = "The current password is incorrect";
}

@ObjectType({
  description:
    "The answer to every well-formed `register`, whether or not the address already has an account: check your inbox.",
})
export class RegistrationAccepted {
  @Field(() => String, { description: "The address (lower-case) the email was sent to." })
  email!: string;

  @Field(() => String, { description: "What to tell the person registering." })
  message = "Check your inbox: we sent an email to this address. Follow its link to confirm the address, then sign in.";
}

@ObjectType({ description: "The outcome of `logout`." })
export class LogoutPayload {
  @Field(() => Boolean, { description: "True when a session was found and ended." })
  loggedOut!: boolean;
}

export const LoginResult = createUnionType({
  name: "LoginResult",
  description: "A session, a second step to complete it (two-factor sign-in), or why signing in failed.",
  types: () => [AuthPayload, MfaRequired, InvalidCredentialsError, AccountLockedError] as const,
});

export const ChangePasswordResult = createUnionType({
  name: "ChangePasswordResult",
  description: "A new session for this device (every other session has ended), or why the password was not changed.",
  types: () => [AuthPayload, IncorrectPasswordError] as const,
});
