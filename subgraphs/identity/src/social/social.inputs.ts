import { IsUrl, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { SocialProvider } from "./social.type";
import type { SocialProviderName } from "./social-providers";

@InputType({ description: "Start signing in with a provider." })
export class StartSocialSignInInput {
  @Field(() => SocialProvider, { description: "Which provider to sign in with." })
  provider!: SocialProviderName;

  @IsUrl({ require_tld: false, require_protocol: true }, { message: "must be an absolute URL" })
  @MaxLength(2048)
  @Field(() => String, {
    description: "The app's page the provider sends the person back to (registered with the provider).",
  })
  redirectUri!: string;
}

@InputType({ description: "What the provider sent back to `redirectUri`." })
export class CompleteSocialSignInInput {
  @MaxLength(512)
  @Field(() => String, {
    description: "The `state` parameter the provider sent back (as `startSocialSignIn` answered it).",
  })
  state!: string;

  @MaxLength(2048)
  @Field(() => String, { description: "The `code` parameter the provider sent back." })
  code!: string;

  @MaxLength(2048)
  @Field(() => String, { nullable: true, description: "The `iss` parameter, when the provider sends one." })
  iss?: string | null;
}

@InputType({ description: "Prove the existing account's password to link the provider's account to it." })
export class LinkSocialIdentityInput {
  @MaxLength(512)
  @Field(() => String, { description: "From `SocialLinkRequired`." })
  linkToken!: string;

  @MaxLength(256)
  @Field(() => String, { description: "The existing account's password." })
  password!: string;
}

@InputType({ description: "The provider whose account to unlink from yours." })
export class UnlinkSocialIdentityInput {
  @Field(() => SocialProvider, { description: "The provider." })
  provider!: SocialProviderName;
}
