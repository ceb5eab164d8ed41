import { IsOptional, IsUUID } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { Role } from "./user.type";

@InputType({ description: "Give a user a role, platform-wide or at one clinic." })
export class GrantRoleInput {
  @IsUUID()
  @Field(() => ID, { description: "The user who receives the role." })
  userId!: string;

  @Field(() => Role, { description: "The role to grant." })
  role!: Role;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: "For VET, CLINIC_STAFF and CLINIC_ADMIN: the clinic where the role applies." })
  clinicId?: string | null;
}

@InputType({ description: "Take a role away from a user, platform-wide or at one clinic." })
export class RevokeRoleInput {
  @IsUUID()
  @Field(() => ID, { description: "The user who loses the role." })
  userId!: string;

  @Field(() => Role, { description: "The role to take away." })
  role!: Role;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: "Remove the role at this clinic only; omit to remove it everywhere." })
  clinicId?: string | null;
}
