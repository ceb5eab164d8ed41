import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ConnectionArgs, isUuid, type Connection } from "@pawgraph/subgraph-kit";
import type { BookingService } from "../booking/booking.service";
import { BookingConnection, type Booking } from "../booking/booking.type";
import type { BookingsContext } from "../context";
import { Pet } from "./pet.type";

@Resolver(() => Pet)
export class PetBookingsResolver {
  constructor(private readonly bookingService: BookingService) {}

  @FieldResolver(() => BookingConnection, {
    nullable: true,
    description:
      "The pet's bookings, newest first: all of them for owners and carers, those at their clinics for clinic staff. Null when the bookings service cannot be reached.",
  })
  async bookings(
    @Root() pet: Pet,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: BookingsContext,
  ): Promise<Connection<Booking>> {
    return this.bookingService.ofPet(ctx, pet.id, args);
  }
}

export const petReference = {
  __resolveReference(reference: { id: string }): Pet | null {
    return isUuid(reference.id) ? { id: reference.id.toLowerCase() } : null;
  },
};
