import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { MaxLength } from "class-validator";

export enum DataExportStatus {
  COLLECTING = "COLLECTING",
  READY = "READY",
  EXPIRED = "EXPIRED",
}

registerEnumType(DataExportStatus, {
  name: "DataExportStatus",
  description: "Where a data export stands.",
  valuesConfig: {
    COLLECTING: { description: "Subgraphs are writing their parts; see `parts`." },
    READY: { description: "Every part is in the ZIP; `downloadUrl` serves it until `availableUntil`." },
    EXPIRED: { description: "The ZIP was kept its 7 days and is no longer served; request a new export." },
  },
});

@ObjectType({ description: "One subgraph's part of a data export or of an account deletion." })
export class PrivacyRequestPart {
  @Field(() => String, {
    description: "The subgraph: identity, pets, ehr, bookings, messaging, catalog, orders, ai or reports.",
  })
  subgraph!: string;

  @Field(() => Boolean, { description: "Whether the subgraph has done its share." })
  done!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "Rows the subgraph wrote (an export) or deleted and anonymised (a deletion); null until it is done.",
  })
  rows!: number | null;
}

@ObjectType({
  description:
    "A copy of your data from every subgraph, as one ZIP of JSON documents (one per subgraph; each table's rows about you with what the table is for). See the README's privacy section.",
})
export class DataExport {
  @Field(() => ID, { description: "The export's id." })
  id!: string;

  @Field(() => DataExportStatus, { description: "Where the export stands." })
  status!: DataExportStatus;

  @Field(() => Date, { description: "When you asked for it." })
  requestedAt!: Date;

  @Field(() => Date, { nullable: true, description: "When the ZIP was assembled; null while collecting." })
  readyAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When the ZIP is deleted (7 days after it was ready)." })
  availableUntil!: Date | null;

  @Field(() => [PrivacyRequestPart], { description: "Each subgraph's part, in a fixed order." })
  parts!: PrivacyRequestPart[];

  @Field(() => String, {
    nullable: true,
    description:
      "A signed link to the ZIP, made when asked and working for 15 minutes; null unless READY. Anyone with the link can download it: do not share it.",
  })
  downloadUrl!: string | null;
}

export enum AccountDeletionStatus {
  SCHEDULED = "SCHEDULED",
  ERASING = "ERASING",
}

registerEnumType(AccountDeletionStatus, {
  name: "AccountDeletionStatus",
  description: "Where an account deletion stands (once finished, the account no longer exists).",
  valuesConfig: {
    SCHEDULED: { description: "In its grace period: `cancelAccountDeletion` stops it until `erasureDueAt`." },
    ERASING: {
      description:
        "Every subgraph is deleting or anonymising what it holds; the account is locked and is deleted last. It cannot be stopped.",
    },
  },
});

@ObjectType({ description: "Your request to delete your account and your personal data in every subgraph." })
export class AccountDeletion {
  @Field(() => ID, { description: "The request's id." })
  id!: string;

  @Field(() => AccountDeletionStatus, { description: "Where the deletion stands." })
  status!: AccountDeletionStatus;

  @Field(() => Date, { description: "When you asked." })
  requestedAt!: Date;

  @Field(() => Date, { description: "When erasure starts unless you cancel before (14 days after the request)." })
  erasureDueAt!: Date;

  @Field(() => [PrivacyRequestPart], {
    description: "Each subgraph's confirmation; identity's comes last, with the account's deletion.",
  })
  parts!: PrivacyRequestPart[];
}

@InputType({ description: "Confirms an account deletion." })
export class RequestAccountDeletionInput {
  @MaxLength(1024)
  @Field(() => String, {
    description:
      "Your current password. An account made with Google or Apple sets one first with `requestPasswordReset`.",
  })
  password!: string;
}

@ObjectType({ description: "The answer to `cancelAccountDeletion`: the account stays, nothing was erased." })
export class AccountDeletionCancelled {
  @Field(() => ID, { description: "The cancelled request's id." })
  id!: string;
}
