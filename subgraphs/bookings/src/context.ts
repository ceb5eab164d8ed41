import type DataLoader from "dataloader";
import { rowLoader, groupLoader, type BaseContext, type SubgraphClient } from "@pawgraph/subgraph-kit";
import type { ClinicStaff } from "./access/clinic-staff";
import { petFactsLoader, type PetFacts } from "./access/pet-access";
import type { AvailabilityService } from "./availability/availability.service";
import type { BookingEntity } from "./booking/booking.entity";
import type { BookingRepository } from "./booking/booking.repository";
import type { BookingService } from "./booking/booking.service";
import type { CalendarFeedService } from "./calendar-feed/calendar-feed.service";
import type { ClinicServiceEntity } from "./clinic-service/clinic-service.entity";
import type { ClinicServiceService } from "./clinic-service/clinic-service.service";
import type { ClinicEntity } from "./clinic/clinic.entity";
import type { ClinicService } from "./clinic/clinic.service";
import type { ScheduleService } from "./schedule/schedule.service";

export interface BookingsServices {
  pets: SubgraphClient;
  /** Who works at which clinic (identity): vets named in input are checked against it. */
  staff: ClinicStaff;
  clinics: ClinicService;
  catalog: ClinicServiceService;
  schedules: ScheduleService;
  availability: AvailabilityService;
  bookings: BookingService;
  bookingReads: BookingRepository;
  feeds: CalendarFeedService;
}

/** Per-request context of the bookings subgraph: viewer, services and fresh DataLoaders. */
export interface BookingsContext extends BaseContext {
  services: BookingsServices;
  loaders: {
    clinic: DataLoader<string, ClinicEntity | null>;
    service: DataLoader<string, ClinicServiceEntity | null>;
    servicesOf: DataLoader<string, ClinicServiceEntity[]>;
    petFacts: DataLoader<string, PetFacts | null>;
    booking: DataLoader<string, BookingEntity | null>;
  };
}

export function createBookingsContext(base: BaseContext, services: BookingsServices): BookingsContext {
  return {
    ...base,
    services,
    loaders: {
      clinic: rowLoader((ids) => services.clinics.byIds(ids), (c) => c.id),
      service: rowLoader((ids) => services.catalog.byIds(ids), (s) => s.id),
      servicesOf: groupLoader((ids) => services.catalog.ofClinics(ids), (s) => s.clinicId),
      petFacts: petFactsLoader(base, services.pets),
      booking: rowLoader((ids) => services.bookingReads.bookedByIds(ids), (a) => a.id),
    },
  };
}
