import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";

/** Platform and clinic roles. */
export enum Role {
  OWNER = "OWNER",
  VET = "VET",
  CLINIC_STAFF = "CLINIC_STAFF",
  CLINIC_ADMIN = "CLINIC_ADMIN",
  PLATFORM_ADMIN = "PLATFORM_ADMIN",
  VENDOR_ADMIN = "VENDOR_ADMIN",
  VENDOR_STAFF = "VENDOR_STAFF",
}

registerEnumType(Role, {
  name: "Role",
  description:
    "What a user may do on Pawgraph. Clinic roles (VET, CLINIC_STAFF, CLINIC_ADMIN) also appear per clinic in `clinicMemberships`, vendor roles (VENDOR_ADMIN, VENDOR_STAFF) per vendor in `vendorMemberships`.",
  valuesConfig: {
    OWNER: { description: "A pet owner: manages their own pets and shares them with carers and clinics." },
    VET: { description: "A veterinarian working at one or more clinics." },
    CLINIC_STAFF: { description: "Clinic staff: reception, nurses, technicians." },
    CLINIC_ADMIN: { description: "Manages a clinic: its services, schedules and staff." },
    PLATFORM_ADMIN: { description: "Operates the Pawgraph platform: grants roles, approves clinics." },
    VENDOR_ADMIN: {
      description:
        "Manages a vendor (a catalog seller): its products, stock and staff. Given when the vendor is approved, or by the vendor's admins.",
    },
    VENDOR_STAFF: { description: "Works for a vendor: keeps its products and stock up to date." },
  },
});

/** A user's role at one clinic. */
@ObjectType({ description: "A role a user holds at one clinic." })
export class ClinicMembership {
  @Field(() => ID, { description: "Id of the clinic (a `Clinic` owned by the bookings subgraph)." })
  clinicId!: string;

  @Field(() => Role, { description: "The role held at that clinic." })
  role!: Role;
}

/** A Pawgraph account, resolvable from every subgraph by id. */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A person with a Pawgraph account: a pet owner, a vet, clinic staff or an administrator." })
export class User {
  @Field(() => ID, { description: "Stable unique id of the user." })
  id!: string;

  @Field(() => String, { description: "The name shown to other users." })
  displayName!: string;

  @Field(() => [Role], { description: "The user's platform roles." })
  roles!: Role[];

  @Field(() => Date, { description: "When the account was created." })
  createdAt!: Date;

  /** Not a GraphQL field: resolved with a visibility check. */
  email!: string;
}
