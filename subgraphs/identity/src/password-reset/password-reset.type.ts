import { Field, ObjectType } from "type-graphql";

@ObjectType({
  description:
    "The answer to every well-formed `requestPasswordReset`, whether or not the address has an account: check your inbox.",
})
export class PasswordResetRequested {
  @Field(() => String, { description: "The address (lower-case) the email was sent to, if it has an account." })
  email!: string;

  @Field(() => String, { description: "What to tell the person asking." })
  message =
    "If this address has a Pawgraph account, we sent it an email with a link to reset the password. The link works once, for a short time.";
}

@ObjectType({
  description:
    "The outcome of `resetPassword`: the password is changed and every session of the account has ended; sign in with the new password.",
})
export class PasswordResetPayload {
  @Field(() => String, { description: "The account's address, to sign in with." })
  email!: string;
}
