import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, ResolverContainer } from "@pawgraph/subgraph-kit";
// type-graphql lists Query and Mutation fields in the order their modules load, and schema.graphql is
// committed: keep this import order, or the emitted SDL reorders.
import { NotificationContactResolver } from "./internal/notification-contact.resolver";
import { SessionResolver } from "./session/session.resolver";
import { UserResolver } from "./user/user.resolver";
import { EmailVerificationResolver } from "./verification/email-verification.resolver";
// After verification's: the reset mutations follow verifyEmail and resendVerificationEmail in the SDL.
import { PasswordResetResolver } from "./password-reset/password-reset.resolver";
import { VendorStaffResolver } from "./vendor/vendor-staff.resolver";
import { TwoFactorResolver } from "./two-factor/two-factor.resolver";
// Last: the API key fields follow every other identity field in the SDL.
import { ApiKeyResolver } from "./api-key/api-key.resolver";
// After the API key fields in the SDL.
import { SocialSignInResolver } from "./social/social.resolver";
// After social sign-in's in the SDL.
import { PrivacyResolver } from "./privacy/privacy.resolver";
import { userReference } from "./user/user.reference";

/** The resolver classes of identity's schema; `app.ts` builds one instance of each with its services. */
export const IDENTITY_RESOLVERS = [
  UserResolver,
  SessionResolver,
  EmailVerificationResolver,
  PasswordResetResolver,
  NotificationContactResolver,
  VendorStaffResolver,
  TwoFactorResolver,
  ApiKeyResolver,
  SocialSignInResolver,
  PrivacyResolver,
] as const;

/**
 * identity's federated schema: accounts, sessions and roles. `resolvers` holds the instances the
 * composition root built; `emit-schema` passes none, since type-graphql asks for an instance only when
 * a field resolves (docs/decisions/0028).
 */
export function buildIdentitySchema(resolvers = new ResolverContainer()): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: IDENTITY_RESOLVERS,
    container: resolvers,
    referenceResolvers: { User: userReference },
  });
}
