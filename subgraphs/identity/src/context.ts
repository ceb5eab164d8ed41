import type DataLoader from "dataloader";
import { groupLoader, rowLoader, type BaseContext } from "@pawgraph/subgraph-kit";
import type { ClinicMembershipEntity } from "./user/clinic-membership.entity";
import type { UserEntity } from "./user/user.entity";
import type { UserService } from "./user/user.service";
import type { SessionService } from "./session/session.service";
import type { EmailVerificationService } from "./verification/email-verification.service";

export interface IdentityServices {
  users: UserService;
  sessions: SessionService;
  verification: EmailVerificationService;
}

/** Per-request context of the identity subgraph: viewer, services and fresh DataLoaders. */
export interface IdentityContext extends BaseContext {
  services: IdentityServices;
  /** Set when this request signed someone in: they may see their own private fields in the payload. */
  sessionUserId?: string;
  loaders: {
    user: DataLoader<string, UserEntity | null>;
    membershipsOf: DataLoader<string, ClinicMembershipEntity[]>;
  };
}

export function createIdentityContext(base: BaseContext, services: IdentityServices): IdentityContext {
  return {
    ...base,
    services,
    loaders: {
      user: rowLoader((ids) => services.users.findByIds(ids), (user) => user.id),
      membershipsOf: groupLoader((ids) => services.users.membershipsOf(ids), (m) => m.userId),
    },
  };
}
