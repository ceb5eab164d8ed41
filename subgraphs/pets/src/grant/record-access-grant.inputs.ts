import { IsUUID } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "Let a clinic's vets and staff see and add to a pet's health record." })
export class GrantRecordAccessInput {
  @Field(() => ID, { description: "The pet." })
  petId!: string;

  @IsUUID("all", { message: "must be a valid id" })
  @Field(() => ID, { description: "The clinic to grant." })
  clinicId!: string;

  @Field(() => Date, { nullable: true, description: "When the grant ends (must be in the future); omit for no end." })
  until?: Date | null;
}

@InputType({ description: "End a clinic's access to a pet's health record." })
export class RevokeRecordAccessInput {
  @Field(() => ID, { description: "The pet." })
  petId!: string;

  @Field(() => ID, { description: "The grant to revoke (`RecordAccessGrant.id`)." })
  grantId!: string;
}
