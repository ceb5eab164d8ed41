import { IsNotEmpty, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";

@InputType({ description: "The token from a verification email." })
export class VerifyEmailInput {
  @IsNotEmpty({ message: "must not be empty" })
  @MaxLength(128, { message: "must be at most 128 characters" })
  @Field(() => String, { description: "The `token` parameter of the email's link (or the code it shows)." })
  token!: string;
}
