import { IsEmail, IsNotEmpty, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";

@InputType({ description: "The address of the account whose password was forgotten." })
export class RequestPasswordResetInput {
  @IsEmail({}, { message: "must be a valid email address" })
  @MaxLength(254)
  @Field(() => String, { description: "The account's email address (case does not matter)." })
  email!: string;
}

@InputType({ description: "The token from a password reset email and the new password." })
export class ResetPasswordInput {
  @IsNotEmpty({ message: "must not be empty" })
  @MaxLength(128, { message: "must be at most 128 characters" })
  @Field(() => String, { description: "The `token` parameter of the email's link (or the code it shows)." })
  token!: string;

  @Field(() => String, {
    description:
      "The new password, under the same rules as at `register` (BAD_USER_INPUT on `input.newPassword`, with `extensions.hint`).",
  })
  newPassword!: string;
}
