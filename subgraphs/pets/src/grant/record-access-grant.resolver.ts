import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { PetsContext } from "../context";
import { GrantRecordAccessInput, RevokeRecordAccessInput } from "./record-access-grant.inputs";
import { toRecordAccessGrant } from "./record-access-grant.mapper";
import type { RecordAccessGrantService } from "./record-access-grant.service";
import { RecordAccessGrant } from "./record-access-grant.type";

/** Owners open and close a pet's health record to clinics. */
@Resolver(() => RecordAccessGrant)
export class RecordAccessGrantResolver {
  constructor(private readonly grants: RecordAccessGrantService) {}

  @Authorized()
  @Mutation(() => RecordAccessGrant, {
    description:
      "Let a clinic's vets and staff see and add to a pet's health record (owners only). Granting again updates the end date.",
  })
  async grantRecordAccess(
    @Arg("input", () => GrantRecordAccessInput, { description: "Which clinic, and until when." })
    input: GrantRecordAccessInput,
    @Ctx() ctx: PetsContext,
  ): Promise<RecordAccessGrant> {
    return toRecordAccessGrant(await this.grants.grant(ctx, input));
  }

  @Authorized()
  @Mutation(() => RecordAccessGrant, {
    description: "End a clinic's access to a pet's health record at once (owners only).",
  })
  async revokeRecordAccess(
    @Arg("input", () => RevokeRecordAccessInput, { description: "The grant to end." }) input: RevokeRecordAccessInput,
    @Ctx() ctx: PetsContext,
  ): Promise<RecordAccessGrant> {
    return toRecordAccessGrant(await this.grants.revoke(ctx, input));
  }
}
