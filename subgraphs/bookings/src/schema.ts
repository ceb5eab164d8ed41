import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema } from "@pawgraph/subgraph-kit";
// type-graphql lists Query and Mutation fields in the order their resolver modules load, so this
// import order is the order of the emitted schema.graphql (kept as it was: clinic, booking, the
// internal query, schedule, clinic services, user). Reordering it reorders the public schema.
import { ClinicResolver } from "./clinic/clinic.resolver";
import { clinicReference } from "./clinic/clinic.reference";
import { BookingResolver, SlotHoldResolver } from "./booking/booking.resolver";
import { bookingReference } from "./booking/booking.reference";
import { KnownClinicResolver } from "./internal/known-clinic.resolver";
import { PetBookingsResolver, petReference } from "./pet/pet-bookings.resolver";
import { ScheduleResolver } from "./schedule/schedule.resolver";
import { ClinicServiceResolver } from "./clinic-service/clinic-service.resolver";
import { UserBookingsResolver, userReference } from "./user/user-bookings.resolver";

/** bookings' federated schema: clinics, services, schedules, slots, holds and bookings. */
export function buildBookingsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ClinicResolver, ClinicServiceResolver, ScheduleResolver, BookingResolver, SlotHoldResolver, PetBookingsResolver, UserBookingsResolver, KnownClinicResolver],
    referenceResolvers: { Booking: bookingReference, Clinic: clinicReference, Pet: petReference, User: userReference },
  });
}
