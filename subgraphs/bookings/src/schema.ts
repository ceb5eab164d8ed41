import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema } from "@pawgraph/subgraph-kit";
import { BookingResolver, SlotHoldResolver, bookingReference } from "./booking/booking.resolver";
import { ClinicResolver, clinicReference } from "./clinic/clinic.resolver";
import { KnownClinicResolver } from "./internal/known-clinic.resolver";
import { PetBookingsResolver, petReference } from "./pet/pet-bookings.resolver";
import { ScheduleResolver } from "./schedule/schedule.resolver";
import { ClinicServiceResolver } from "./service/clinic-service.resolver";
import { UserBookingsResolver, userReference } from "./user/user-bookings.resolver";

/** bookings' federated schema: clinics, services, schedules, slots, holds and bookings. */
export function buildBookingsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ClinicResolver, ClinicServiceResolver, ScheduleResolver, BookingResolver, SlotHoldResolver, PetBookingsResolver, UserBookingsResolver, KnownClinicResolver],
    referenceResolvers: { Booking: bookingReference, Clinic: clinicReference, Pet: petReference, User: userReference },
  });
}
