import { Arg, Field, ID, ObjectType, Query, Resolver } from "type-graphql";
import { BadUserInputError, Internal, InternalType, isUuid } from "@pawgraph/subgraph-kit";
import type { UserService } from "../user/user.service";
import { VendorRole } from "../vendor/vendor-membership.type";
import type { VendorStaffService } from "../vendor/vendor-staff.service";
import { Role } from "../user/user.type";

@InternalType()
@ObjectType({
  description: "Where to reach a user with a notification (internal: for other subgraphs, not served by the gateway).",
})
export class NotificationContact {
  @Field(() => ID, { description: "The user." })
  userId!: string;

  @Field(() => String, { description: "Their email address." })
  email!: string;

  @Field(() => String, { description: "How to greet them." })
  displayName!: string;

  @Field(() => Boolean, {
    description:
      "Whether the account proved it receives mail at `email`: mail that reveals health data goes to verified addresses only.",
  })
  emailVerified!: boolean;
}

/**
 * Internal queries other subgraphs call directly (with the gateway secret) when they act for no
 * viewer, e.g. messaging sending an email for an event. `@Internal()`: the gateway never serves them,
 * and called directly they answer only callers with the gateway secret.
 */
@Resolver()
export class NotificationContactResolver {
  constructor(
    private readonly users: UserService,
    private readonly vendorStaff: VendorStaffService,
  ) {}

  @Internal()
  @Query(() => [NotificationContact], {
    nullable: true,
    description: "Internal: email and name of up to 100 users, for notifications.",
  })
  async notificationContacts(
    @Arg("userIds", () => [ID], { description: "The users." }) userIds: string[],
  ): Promise<NotificationContact[]> {
    if (userIds.length > 100 || !userIds.every(isUuid))
      throw new BadUserInputError("userIds", "userIds must be at most 100 user ids");
    const users = await this.users.findByIds(userIds.map((id) => id.toLowerCase()));
    return users.map((user) => ({
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      emailVerified: user.emailVerifiedAt !== null,
    }));
  }

  @Internal()
  @Query(() => [ID], {
    nullable: true,
    description:
      "Internal: the users who hold a role (vet, staff, admin) at a clinic, for notifications and for bookings' vets.",
  })
  async clinicStaffIds(
    @Arg("clinicId", () => ID, { description: "The clinic." }) clinicId: string,
    @Arg("roles", () => [Role], {
      nullable: true,
      description: "Only users holding one of these roles there (all roles when absent).",
    })
    roles: Role[] | null | undefined,
  ): Promise<string[]> {
    if (!isUuid(clinicId)) throw new BadUserInputError("clinicId", "clinicId must be a clinic id");
    return this.users.staffOf(clinicId.toLowerCase(), roles ?? undefined);
  }

  @Internal()
  @Query(() => [ID], {
    nullable: true,
    description: "Internal: the users who hold a role (admin, staff) at a vendor, for notifications (e.g. low stock).",
  })
  async vendorStaffIds(
    @Arg("vendorId", () => ID, { description: "The vendor." }) vendorId: string,
    @Arg("roles", () => [VendorRole], {
      nullable: true,
      description: "Only users holding one of these roles there (all roles when absent).",
    })
    roles: VendorRole[] | null | undefined,
  ): Promise<string[]> {
    if (!isUuid(vendorId)) throw new BadUserInputError("vendorId", "vendorId must be a vendor id");
    return this.vendorStaff.staffOf(vendorId.toLowerCase(), roles ?? undefined);
  }
}
