import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { isUuid, requireViewer } from "@pawgraph/subgraph-kit";
import type { IdentityContext } from "../context";
import type { UserEntity } from "./user.entity";
import { GrantRoleInput, LockAccountInput, RevokeRoleInput, UnlockAccountInput } from "./user.inputs";
import type { UserService } from "./user.service";
import { VendorMembership, type VendorRole } from "../vendor/vendor-membership.type";
import { ClinicMembership, Role, User } from "./user.type";

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly users: UserService) {}

  @Query(() => User, { nullable: true, description: "The signed-in user." })
  async me(@Ctx() ctx: IdentityContext): Promise<UserEntity> {
    const viewer = requireViewer(ctx.viewer);
    const user = await ctx.loaders.user.load(viewer.userId);
    if (!user) throw new Error("Signed-in user no longer exists");
    return user;
  }

  @Authorized()
  @Query(() => User, {
    nullable: true,
    description: "A user by id, or null when there is none. Email is only shown to the user and to admins.",
  })
  async user(
    @Arg("id", () => ID, { description: "The user's id." }) id: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<UserEntity | null> {
    return isUuid(id) ? ctx.loaders.user.load(id.toLowerCase()) : null;
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => User, {
    description: "Grant a role to a user (platform admins only). The user's next access token carries it.",
  })
  grantRole(
    @Arg("input", () => GrantRoleInput, { description: "Who gets which role, and where." }) input: GrantRoleInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<UserEntity> {
    return this.users.grantRole(ctx, input);
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => User, {
    description:
      "Take a role from a user (platform admins only). The user's access tokens stop working within seconds; their next refresh carries the roles left.",
  })
  revokeRole(
    @Arg("input", () => RevokeRoleInput, { description: "Whose role to remove, and where." }) input: RevokeRoleInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<UserEntity> {
    return this.users.revokeRole(ctx, input);
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => User, {
    description:
      "Lock an account (platform admins only): it cannot sign in or refresh, and every session and access token it has stops working within seconds. Not your own.",
  })
  lockAccount(
    @Arg("input", () => LockAccountInput, { description: "Which account, and why." }) input: LockAccountInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<UserEntity> {
    return this.users.lockAccount(ctx, input);
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => User, {
    description:
      "Unlock an account (platform admins only): it can sign in again. Sessions ended by the lock stay ended.",
  })
  unlockAccount(
    @Arg("input", () => UnlockAccountInput, { description: "Which account." }) input: UnlockAccountInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<UserEntity> {
    return this.users.unlockAccount(ctx, input);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Email address; null unless you are this user or a platform admin.",
  })
  email(@Root() user: UserEntity, @Ctx() ctx: IdentityContext): string | null {
    return this.users.canSeeEmail(ctx, user) ? user.email : null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "Whether the email address is verified (`verifyEmail`); null unless you are this user or a platform admin.",
  })
  emailVerified(@Root() user: UserEntity, @Ctx() ctx: IdentityContext): boolean | null {
    return this.users.canSeeEmail(ctx, user) ? user.emailVerifiedAt !== null : null;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description:
      "When a platform admin locked the account (`lockAccount`); null when it is not locked, or unless you are this user or a platform admin.",
  })
  lockedAt(@Root() user: UserEntity, @Ctx() ctx: IdentityContext): Date | null {
    return this.users.canSeeEmail(ctx, user) ? user.lockedAt : null;
  }

  @FieldResolver(() => [ClinicMembership], {
    description: "Clinics where the user holds a role; empty unless you are this user or a platform admin.",
  })
  async clinicMemberships(@Root() user: UserEntity, @Ctx() ctx: IdentityContext): Promise<ClinicMembership[]> {
    if (!this.users.canSeeEmail(ctx, user)) return [];
    const memberships = await ctx.loaders.membershipsOf.load(user.id);
    return memberships.map((m) => ({ clinicId: m.clinicId, role: m.role as Role }));
  }

  @FieldResolver(() => [VendorMembership], {
    description:
      "Vendors (catalog sellers) where the user holds a role; empty unless you are this user or a platform admin.",
  })
  async vendorMemberships(@Root() user: UserEntity, @Ctx() ctx: IdentityContext): Promise<VendorMembership[]> {
    if (!this.users.canSeeEmail(ctx, user)) return [];
    const memberships = await ctx.loaders.vendorMembershipsOf.load(user.id);
    return memberships.map((m) => ({ vendorId: m.vendorId, role: m.role as VendorRole }));
  }
}
