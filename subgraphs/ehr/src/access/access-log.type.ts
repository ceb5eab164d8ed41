import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "@pawgraph/subgraph-kit";
import { Clinic } from "../clinic/clinic.type";
import { User } from "../user/user.type";

export enum RecordAccessAction {
  READ = "READ",
  WRITE = "WRITE",
}

registerEnumType(RecordAccessAction, {
  name: "RecordAccessAction",
  description: "What someone did with a pet's health record.",
  valuesConfig: {
    READ: { description: "Looked at the record." },
    WRITE: { description: "Added to or changed the record." },
  },
});

@ObjectType({ description: "One time someone other than an owner read or wrote a pet's health record." })
export class RecordAccess {
  @Field(() => ID, { description: "Id of the log entry." })
  id!: string;

  @Field(() => User, { nullable: true, description: "Who it was; null when identity cannot be reached." })
  viewer!: User;

  @Field(() => Clinic, { nullable: true, description: "The clinic they acted for, if any (null for carers)." })
  clinic!: Clinic | null;

  @Field(() => RecordAccessAction, { description: "Read or write." })
  action!: RecordAccessAction;

  @Field(() => Date, { description: "When." })
  at!: Date;
}

export const RecordAccessConnection = connectionType(RecordAccess, "RecordAccess", "record access log entry");
