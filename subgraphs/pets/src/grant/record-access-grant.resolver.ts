import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { PetsContext } from "../context";
import { isGrantActive, type RecordAccessGrantEntity } from "./record-access-grant.entity";
import { GrantRecordAccessInput, RecordAccessGrant, RevokeRecordAccessInput } from "./record-access-grant.type";

export function toRecordAccessGrant(grant: RecordAccessGrantEntity): RecordAccessGrant {
  return {
    id: grant.id,
    clinic: { id: grant.clinicId },
    until: grant.until,
    revokedAt: grant.revokedAt,
    active: isGrantActive(grant),
    createdAt: grant.createdAt,
  };
}

@Resolver(() => RecordAccessGrant)
export class RecordAccessGrantResolver {
  @Authorized()
  @Mutation(() => RecordAccessGrant, {
    description: "Let a clinic's vets and staff see and add to a pet's health record (owners only). Granting again updates the end date.",
  })
  async grantRecordAccess(@Arg("input", () => GrantRecordAccessInput, { description: "Which clinic, and until when." }) input: GrantRecordAccessInput, @Ctx() ctx: PetsContext): Promise<RecordAccessGrant> {
    return toRecordAccessGrant(await ctx.services.grants.grant(ctx, input));
  }

  @Authorized()
  @Mutation(() => RecordAccessGrant, { description: "End a clinic's access to a pet's health record at once (owners only)." })
  async revokeRecordAccess(@Arg("input", () => RevokeRecordAccessInput, { description: "The grant to end." }) input: RevokeRecordAccessInput, @Ctx() ctx: PetsContext): Promise<RecordAccessGrant> {
    return toRecordAccessGrant(await ctx.services.grants.revoke(ctx, input));
  }
}
