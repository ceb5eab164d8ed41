import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema } from "@pawgraph/subgraph-kit";
import { NotificationContactResolver } from "./internal/notification-contact.resolver";
import { SessionResolver } from "./session/session.resolver";
import { UserResolver, userReference } from "./user/user.resolver";
import { EmailVerificationResolver } from "./verification/email-verification.resolver";

/** identity's federated schema: accounts, sessions and roles. */
export function buildIdentitySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [UserResolver, SessionResolver, EmailVerificationResolver, NotificationContactResolver],
    referenceResolvers: { User: userReference },
  });
}
