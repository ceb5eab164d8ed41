import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, ResolverContainer } from "@pawgraph/subgraph-kit";
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

/** The resolver classes of bookings' schema; `app.ts` builds one instance of each with its services. */
export const BOOKINGS_RESOLVERS = [
  ClinicResolver,
  ClinicServiceResolver,
  ScheduleResolver,
  BookingResolver,
  SlotHoldResolver,
  PetBookingsResolver,
  UserBookingsResolver,
  KnownClinicResolver,
] as const;

/**
 * bookings' federated schema: clinics, services, schedules, slots, holds and bookings. `resolvers` holds
 * the instances the composition root built; `emit-schema` passes none, since type-graphql asks for an
 * instance only when a field resolves (docs/decisions/0028).
 */
export function buildBookingsSchema(resolvers = new ResolverContainer()): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: BOOKINGS_RESOLVERS,
    container: resolvers,
    referenceResolvers: { Booking: bookingReference, Clinic: clinicReference, Pet: petReference, User: userReference },
  });
}
