import { createUnionType, Field, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { AccountLockedError, AuthPayload, MfaRequired } from "../session/session.type";
import { SOCIAL_PROVIDERS, type SocialProviderName } from "./social-providers";

export const SocialProvider = Object.fromEntries(SOCIAL_PROVIDERS.map((p) => [p, p])) as {
  [P in SocialProviderName]: P;
};
registerEnumType(SocialProvider, {
  name: "SocialProvider",
  description: "An OpenID provider people may sign in with (when the platform configured it).",
  valuesConfig: {
    GOOGLE: { description: "Sign in with Google." },
    APPLE: { description: "Sign in with Apple." },
  },
});

@ObjectType({ description: "Where to send the person to sign in with the provider." })
export class SocialSignInStart {
  @Field(() => String, { description: "The provider's sign-in page; it sends the person back to `redirectUri`." })
  authorizationUrl!: string;

  @Field(() => String, {
    description:
      "The `state` the provider will send back; `completeSocialSignIn` needs it (keep it with the app's session).",
  })
  state!: string;

  @Field(() => GraphQLDateTime, { description: "Until when the sign-in may be completed (10 minutes)." })
  expiresAt!: Date;
}

@ObjectType({
  description:
    "The provider's account has the verified address of an existing Pawgraph account: `linkSocialIdentity` with that account's password links them (or sign in and start again from the session).",
})
export class SocialLinkRequired {
  @Field(() => String, { description: "Works once, for 10 minutes." })
  linkToken!: string;

  @Field(() => String, { description: "The address both accounts share." })
  email!: string;

  @Field(() => SocialProvider, { description: "The provider whose account would be linked." })
  provider!: SocialProviderName;
}

@ObjectType({ description: "A provider account linked to yours." })
export class SocialIdentity {
  @Field(() => SocialProvider, { description: "The provider." })
  provider!: SocialProviderName;

  @Field(() => String, { nullable: true, description: "The address the provider gave when it was linked." })
  email!: string | null;

  @Field(() => GraphQLDateTime, { description: "When it was linked." })
  linkedAt!: Date;
}

export const SocialSignInResult = createUnionType({
  name: "SocialSignInResult",
  description:
    "A session, a second step (two-factor sign-in), an offer to link to an existing account, or a locked account.",
  types: () => [AuthPayload, MfaRequired, SocialLinkRequired, AccountLockedError] as const,
});

export const LinkSocialIdentityResult = createUnionType({
  name: "LinkSocialIdentityResult",
  description: "A session of the linked account, a second step (two-factor sign-in), or a locked account.",
  types: () => [AuthPayload, MfaRequired, AccountLockedError] as const,
});
