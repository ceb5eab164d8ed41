import { IsEmail, IsNotEmpty, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";

@InputType({ description: "A new account." })
export class RegisterInput {
  @IsEmail({}, { message: "must be a valid email address" })
  @MaxLength(254)
  @Field(() => String, { description: "Email address used to sign in; stored lower-case." })
  email!: string;

  @Field(() => String, {
    description:
      "10 to 128 characters, not containing the email address, and hard to guess: common and leaked passwords, keyboard patterns, sequences and the person's own name are refused (BAD_USER_INPUT on `input.password`, with `extensions.hint`). A passphrase of four or more unrelated words works well.",
  })
  password!: string;

  @IsNotEmpty({ message: "must not be empty" })
  @MaxLength(80, { message: "must be at most 80 characters" })
  @Field(() => String, { description: "The name other users see (1 to 80 characters)." })
  displayName!: string;
}

@InputType({ description: "Credentials for signing in." })
export class LoginInput {
  @MaxLength(254)
  @Field(() => String, { description: "The account's email address." })
  email!: string;

  @MaxLength(1024)
  @Field(() => String, { description: "The account's password." })
  password!: string;
}

@InputType({ description: "A refresh token to exchange or revoke." })
export class RefreshSessionInput {
  @MaxLength(512)
  @Field(() => String, { description: "The refresh token from the last `login` or `refreshSession`." })
  refreshToken!: string;
}

@InputType({
  description: "Ends a session: its refresh token and every token rotated from the same sign-in stop working.",
})
export class LogoutInput extends RefreshSessionInput {}

@InputType({ description: "A new password for the signed-in account." })
export class ChangePasswordInput {
  @MaxLength(1024)
  @Field(() => String, { description: "The password in use now." })
  currentPassword!: string;

  @Field(() => String, {
    description: "The new password: at least 10 characters, and must not contain the email address.",
  })
  newPassword!: string;
}
