import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { IdentityContext } from "../context";
import { AuthPayload } from "../session/session.type";
import type { UserEntity } from "../user/user.entity";
import { User } from "../user/user.type";
import {
  CompleteSocialSignInInput,
  LinkSocialIdentityInput,
  StartSocialSignInInput,
  UnlinkSocialIdentityInput,
} from "./social.inputs";
import {
  LinkSocialIdentityResult,
  SocialIdentity,
  SocialLinkRequired,
  SocialSignInResult,
  SocialSignInStart,
} from "./social.type";
import type { SocialSignInService } from "./social-sign-in.service";

/** A sign-in answer as GraphQL types; the session's user may read their own fields on it. */
function answered<T>(ctx: IdentityContext, result: T): T {
  if (result instanceof AuthPayload) ctx.sessionUserId = result.user.id;
  if (result && typeof result === "object" && "linkToken" in result)
    return Object.assign(new SocialLinkRequired(), result) as T;
  return result;
}

@Resolver(() => User)
export class SocialSignInResolver {
  constructor(private readonly social: SocialSignInService) {}

  @Mutation(() => SocialSignInStart, {
    description:
      "Start signing in with Google or Apple (OpenID Connect with PKCE): send the person to `authorizationUrl`, then pass what the provider sends back to `completeSocialSignIn`. Signed in, this links the provider's account to yours instead.",
  })
  startSocialSignIn(
    @Arg("input", () => StartSocialSignInInput, { description: "The provider and where to come back." })
    input: StartSocialSignInInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<SocialSignInStart> {
    return this.social.start(ctx, input.provider, input.redirectUri);
  }

  @Mutation(() => SocialSignInResult, {
    description:
      "Complete a social sign-in with the provider's `code` and `state`. A linked provider account signs its user in; a new verified address makes an account; the address of an existing account answers `SocialLinkRequired`. SOCIAL_SIGN_IN_FAILED when the sign-in expired, was used, or the provider's answer does not verify.",
  })
  async completeSocialSignIn(
    @Arg("input", () => CompleteSocialSignInInput, { description: "What the provider sent back." })
    input: CompleteSocialSignInInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return answered(ctx, await this.social.complete(input));
  }

  @Mutation(() => LinkSocialIdentityResult, {
    description:
      "Link the provider's account to the existing account with its address, proving that account's password.",
  })
  async linkSocialIdentity(
    @Arg("input", () => LinkSocialIdentityInput, { description: "The offer and the password." })
    input: LinkSocialIdentityInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return answered(ctx, await this.social.linkWithPassword(ctx, input));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Unlink a provider's account from yours; false when none was linked." })
  unlinkSocialIdentity(
    @Arg("input", () => UnlinkSocialIdentityInput, { description: "The provider to unlink." })
    input: UnlinkSocialIdentityInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<boolean> {
    return this.social.unlink(ctx.viewer!.userId, input.provider);
  }

  @FieldResolver(() => [SocialIdentity], {
    nullable: true,
    description: "Provider accounts linked to yours; null unless you are this user.",
  })
  socialIdentities(@Root() user: UserEntity, @Ctx() ctx: IdentityContext) {
    return (ctx.viewer?.userId ?? ctx.sessionUserId) === user.id ? this.social.identitiesOf(user.id) : null;
  }
}
