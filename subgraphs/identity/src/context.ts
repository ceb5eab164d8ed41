import type DataLoader from "dataloader";
import { groupLoader, rowLoader, type BaseContext } from "@pawgraph/subgraph-kit";
import type { ClinicMembershipEntity } from "./user/clinic-membership.entity";
import type { UserEntity } from "./user/user.entity";
import type { UserRepository } from "./user/user.repository";
import type { VendorMembershipEntity } from "./vendor/vendor-membership.entity";
import type { VendorMembershipRepository } from "./vendor/vendor-membership.repository";

/**
 * Per-request context of the identity subgraph: the kit's base context (viewer, request id, log) and
 * fresh DataLoaders, plus who this request signed in. Services and resolvers get their collaborators by
 * constructor in `app.ts` (docs/decisions/0028), so this file imports no service and no import cycle
 * runs through it.
 */
export interface IdentityContext extends BaseContext {
  /** Set when this request signed someone in: they may see their own private fields in the payload. */
  sessionUserId?: string;
  loaders: {
    user: DataLoader<string, UserEntity | null>;
    membershipsOf: DataLoader<string, ClinicMembershipEntity[]>;
    vendorMembershipsOf: DataLoader<string, VendorMembershipEntity[]>;
  };
}

/** The loaders read through the repositories the composition root hands in; the context does not keep them. */
export function createIdentityContext(
  base: BaseContext,
  users: UserRepository,
  vendors: VendorMembershipRepository,
): IdentityContext {
  return {
    ...base,
    loaders: {
      user: rowLoader(
        (ids) => users.byIds(ids),
        (user) => user.id,
      ),
      membershipsOf: groupLoader(
        (ids) => users.membershipsOf(ids),
        (m) => m.userId,
      ),
      vendorMembershipsOf: groupLoader(
        (ids) => vendors.membershipsOf(ids),
        (m) => m.userId,
      ),
    },
  };
}
