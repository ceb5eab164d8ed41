import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { BadUserInputError, isUuid } from "@pawgraph/subgraph-kit";
import type { IdentityContext } from "../context";
import type { AccountDeletionService } from "./account-deletion.service";
import type { DataExportService } from "./data-export.service";
import { AccountDeletion, AccountDeletionCancelled, DataExport, RequestAccountDeletionInput } from "./privacy.type";

/** A person's privacy requests: a copy of their data, and the deletion of their account (docs/decisions/0048). */
@Resolver()
export class PrivacyResolver {
  constructor(
    private readonly exports: DataExportService,
    private readonly deletions: AccountDeletionService,
  ) {}

  @Authorized()
  @Mutation(() => DataExport, {
    description:
      "Ask for a copy of all your data: every subgraph writes its part, then a ZIP is assembled and you are notified with a download link. Asking while one is still collecting returns that one; at most 3 a day (RATE_LIMITED). Not available with an API key.",
  })
  requestDataExport(@Ctx() ctx: IdentityContext): Promise<DataExport> {
    return this.exports.request(ctx);
  }

  @Authorized()
  @Query(() => DataExport, {
    // Nullable, as every root field: identity being down must not null other subgraphs' fields (docs/decisions/0024).
    nullable: true,
    description: "One of your data exports and its progress. Another person's is NOT_FOUND.",
  })
  dataExport(
    @Arg("id", () => ID, { description: "The export's id (`DataExport.id`)." }) id: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<DataExport> {
    if (!isUuid(id)) throw new BadUserInputError("id", "id must be a data export id");
    return this.exports.byId(ctx, id.toLowerCase());
  }

  @Authorized()
  @Query(() => [DataExport], { nullable: true, description: "Your latest 10 data exports, newest first." })
  myDataExports(@Ctx() ctx: IdentityContext): Promise<DataExport[]> {
    return this.exports.mine(ctx);
  }

  @Authorized()
  @Mutation(() => AccountDeletion, {
    description:
      "Delete your account and your personal data in every subgraph, after a 14-day grace period in which `cancelAccountDeletion` stops it. Pets you share stay with their other owners; health records clinics wrote stay with the pet without your name; orders and payments are kept anonymised for the bookkeeping period (see the README). Asking again returns the pending request. A wrong password is INCORRECT_PASSWORD. Not available with an API key.",
  })
  requestAccountDeletion(
    @Arg("input", () => RequestAccountDeletionInput, { description: "Your password, to confirm." })
    input: RequestAccountDeletionInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<AccountDeletion> {
    return this.deletions.request(ctx, input.password);
  }

  @Authorized()
  @Mutation(() => AccountDeletionCancelled, {
    description:
      "Cancel your pending account deletion during its grace period. Without one: NOT_FOUND; once erasure has started: ACCOUNT_DELETION_IN_PROGRESS.",
  })
  cancelAccountDeletion(@Ctx() ctx: IdentityContext): Promise<AccountDeletionCancelled> {
    return this.deletions.cancel(ctx);
  }

  @Authorized()
  @Query(() => AccountDeletion, {
    nullable: true,
    description: "Your pending account deletion, if you asked for one.",
  })
  myAccountDeletion(@Ctx() ctx: IdentityContext): Promise<AccountDeletion | null> {
    return this.deletions.mine(ctx);
  }
}
