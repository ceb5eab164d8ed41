import { Field, ObjectType } from "type-graphql";
import { User } from "../user/user.type";

@ObjectType({
  description:
    "The outcome of `verifyEmail`: the address is confirmed. Refresh the session to get an access token that says so.",
})
export class VerifyEmailPayload {
  @Field(() => String, { description: "The address that is now verified." })
  email!: string;

  @Field(() => User, { description: "The account whose address was verified." })
  user!: User;
}

@ObjectType({ description: "The outcome of `resendVerificationEmail`." })
export class ResendVerificationEmailPayload {
  @Field(() => String, { description: "The signed-in account's address." })
  email!: string;

  @Field(() => Boolean, {
    description: "True when a new link was sent; false when the address is already verified (nothing to send).",
  })
  sent!: boolean;
}
