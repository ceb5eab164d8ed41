import { IsOptional, IsUUID, MaxLength } from "class-validator";
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
  @Field(() => ID, {
    nullable: true,
    description: "For VET, CLINIC_STAFF and CLINIC_ADMIN: the clinic where the role applies.",
  })
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
  @Field(() => ID, {
    nullable: true,
    description: "Remove the role at this clinic only; omit to remove it everywhere.",
  })
  clinicId?: string | null;
}

@InputType({ description: "Lock an account: it cannot sign in, and its sessions end." })
export class LockAccountInput {
  @IsUUID()
  @Field(() => ID, { description: "The account to lock." })
  userId!: string;

  @MaxLength(500, { message: "must be at most 500 characters" })
  @Field(() => String, { description: "Why (kept with the account for other admins; not shown to the user)." })
  reason!: string;
}

@InputType({ description: "Unlock an account locked by `lockAccount`." })
export class UnlockAccountInput {
  @IsUUID()
  @Field(() => ID, { description: "The account to unlock." })
  userId!: string;
}
