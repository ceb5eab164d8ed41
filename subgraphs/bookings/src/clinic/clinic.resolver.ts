import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, type Connection } from "@pawgraph/subgraph-kit";
import type { BookingService } from "../booking/booking.service";
import { toClinicService } from "../clinic-service/clinic-service.mapper";
import { ClinicServiceType } from "../clinic-service/clinic-service.type";
import type { BookingsContext } from "../context";
import { CreateClinicInput, NearInput, ReviewClinicInput, UpdateClinicInput } from "./clinic.inputs";
import { toClinic } from "./clinic.mapper";
import type { ClinicService } from "./clinic.service";
import { Clinic, ClinicConnection, ClinicStatus } from "./clinic.type";

@Resolver(() => Clinic)
export class ClinicResolver {
  constructor(
    private readonly clinicService: ClinicService,
    private readonly bookings: BookingService,
  ) {}

  @Authorized()
  @Query(() => Clinic, {
    nullable: true,
    description:
      "A clinic by id. Unapproved clinics answer null with a NOT_FOUND error except to their staff and platform admins.",
  })
  async clinic(
    @Arg("id", () => ID, { description: "The clinic's id." }) id: string,
    @Ctx() ctx: BookingsContext,
  ): Promise<Clinic> {
    return toClinic(await this.bookings.bookableClinic(ctx, id, "id"));
  }

  @Authorized()
  @Query(() => ClinicConnection, {
    nullable: true,
    description:
      "Approved clinics, nearest first when `near` is given (by name otherwise), as a Relay connection. Platform admins may list PENDING or REJECTED clinics instead (`status`), oldest first.",
  })
  async clinics(
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
    @Arg("status", () => ClinicStatus, {
      nullable: true,
      description:
        "Only clinics in this status, APPROVED when omitted (for everyone, platform admins too); other than APPROVED for platform admins only (FORBIDDEN otherwise), oldest registered first, and not with `near`.",
    })
    status: ClinicStatus | null | undefined,
    @Arg("near", () => NearInput, {
      nullable: true,
      description: "Only clinics within `radiusKm` of this point, nearest first.",
    })
    near: NearInput | null,
    @Arg("service", () => String, {
      nullable: true,
      description: "Only clinics offering a service whose name contains this text.",
    })
    service: string | null,
    @Arg("species", () => String, {
      nullable: true,
      description: "Only clinics with a service for this species (a `Species` value).",
    })
    species: string | null,
    @Arg("openNow", () => Boolean, {
      nullable: true,
      description: "Only clinics open right now, in their own time zone.",
    })
    openNow: boolean | null,
    @Ctx() ctx: BookingsContext,
  ): Promise<Connection<Clinic>> {
    return this.clinicService.search(ctx, { status, near, service, species, openNow }, { first, after });
  }

  @Authorized()
  @Mutation(() => Clinic, { description: "Register a clinic; it is PENDING until a platform admin approves it." })
  async createClinic(
    @Arg("input", () => CreateClinicInput, { description: "The clinic." }) input: CreateClinicInput,
    @Ctx() ctx: BookingsContext,
  ): Promise<Clinic> {
    return toClinic(await this.clinicService.create(ctx, input));
  }

  @Authorized()
  @Mutation(() => Clinic, { description: "Change a clinic's details and booking rules (clinic admins)." })
  async updateClinic(
    @Arg("input", () => UpdateClinicInput, { description: "The changes." }) input: UpdateClinicInput,
    @Ctx() ctx: BookingsContext,
  ): Promise<Clinic> {
    return toClinic(await this.clinicService.update(ctx, input));
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => Clinic, {
    description:
      "Approve or reject a clinic (platform admins). Approval makes it visible and bookable; rejecting an approved clinic takes it off the platform and cancels its upcoming bookings, telling their owners why.",
  })
  async reviewClinic(
    @Arg("input", () => ReviewClinicInput, { description: "The decision." }) input: ReviewClinicInput,
    @Ctx() ctx: BookingsContext,
  ): Promise<Clinic> {
    return toClinic(await this.clinicService.review(ctx, input));
  }

  @FieldResolver(() => [ClinicServiceType], { description: "What can be booked at the clinic." })
  async services(@Root() clinic: Clinic, @Ctx() ctx: BookingsContext): Promise<ClinicServiceType[]> {
    return (await ctx.loaders.servicesOf.load(clinic.id)).map(toClinicService);
  }
}
