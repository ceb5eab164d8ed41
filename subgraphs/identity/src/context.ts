import type DataLoader from "dataloader";
import { groupLoader, rowLoader, type BaseContext } from "@pawgraph/subgraph-kit";
import type { ClinicMembershipEntity } from "./user/clinic-membership.entity";
import type { UserEntity } from "./user/user.entity";

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
  };
}

/** The reads the loaders batch: `UserService` in `app.ts`, named by shape so this file imports no service. */
export interface IdentityRows {
  findByIds(ids: readonly string[]): Promise<UserEntity[]>;
  membershipsOf(userIds: readonly string[]): Promise<ClinicMembershipEntity[]>;
}

/** The loaders read through `rows`, which the composition root hands in; the context does not keep it. */
export function createIdentityContext(base: BaseContext, rows: IdentityRows): IdentityContext {
  return {
    ...base,
    loaders: {
      user: rowLoader((ids) => rows.findByIds(ids), (user) => user.id),
      membershipsOf: groupLoader((ids) => rows.membershipsOf(ids), (m) => m.userId),
    },
  };
}
