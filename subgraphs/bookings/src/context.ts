import type DataLoader from "dataloader";
import {
  rowLoader,
  groupLoader,
  pageLoader,
  type BaseContext,
  type PageKey,
  type SubgraphClient,
} from "@pawgraph/subgraph-kit";
import { petFactsLoader, type PetFacts } from "./access/pet-access";
import type { BookingEntity } from "./booking/booking.entity";
import type { BookingKey, BookingRepository } from "./booking/booking.repository";
import type { ClinicServiceEntity } from "./clinic-service/clinic-service.entity";
import type { ClinicServiceRepository } from "./clinic-service/clinic-service.repository";
import type { ClinicEntity } from "./clinic/clinic.entity";
import type { ClinicRepository } from "./clinic/clinic.repository";

/**
 * Per-request context of the bookings subgraph: the kit's base context (viewer, request id, log) and fresh
 * DataLoaders, nothing else. Services and resolvers get their collaborators by constructor in `app.ts`
 * (docs/decisions/0028), so this file imports no service and no import cycle runs through it.
 */
export interface BookingsContext extends BaseContext {
  loaders: {
    clinic: DataLoader<string, ClinicEntity | null>;
    service: DataLoader<string, ClinicServiceEntity | null>;
    servicesOf: DataLoader<string, ClinicServiceEntity[]>;
    petFacts: DataLoader<string, PetFacts | null>;
    booking: DataLoader<string, BookingEntity | null>;
    /** One page of a pet's bookings (only those at the clinics in `filter` when given); pets asking for the same page shape share one statement. */
    petBookings: DataLoader<PageKey<BookingKey, string[]>, BookingEntity[], string>;
  };
}

/** What the loaders read through, handed in by the composition root; the context does not keep it. */
export interface BookingsLoaderSources {
  clinics: ClinicRepository;
  catalog: ClinicServiceRepository;
  bookings: BookingRepository;
  /** The pets subgraph, asked with the viewer's token about the pets a request names. */
  pets: SubgraphClient;
}

export function createBookingsContext(base: BaseContext, sources: BookingsLoaderSources): BookingsContext {
  return {
    ...base,
    loaders: {
      clinic: rowLoader(
        (ids) => sources.clinics.byIds(ids),
        (c) => c.id,
      ),
      service: rowLoader(
        (ids) => sources.catalog.byIds(ids),
        (s) => s.id,
      ),
      servicesOf: groupLoader(
        (ids) => sources.catalog.ofClinics(ids),
        (s) => s.clinicId,
      ),
      petFacts: petFactsLoader(base, sources.pets),
      booking: rowLoader(
        (ids) => sources.bookings.bookedByIds(ids),
        (a) => a.id,
      ),
      petBookings: pageLoader(
        (petIds, { limit, after, filter }) => sources.bookings.ofPets(petIds, filter, limit, after),
        (booking: BookingEntity) => booking.petId!,
      ),
    },
  };
}
