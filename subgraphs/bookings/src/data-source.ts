import { openSubgraphDatabase, type Logger, type SubgraphDatabase } from "@pawgraph/subgraph-kit";
import { BookingEntity } from "./booking/booking.entity";
import { ClinicEntity } from "./clinic/clinic.entity";
import { Initial1764400000000 } from "./migrations/1764400000000-initial";
import { NoShows1766700000000 } from "./migrations/1766700000000-no-shows";
import { ClinicReviewQueue1766810000000 } from "./migrations/1766810000000-clinic-review-queue";
import { ScheduleOverrideEntity, VetHoursEntity } from "./schedule/schedule.entity";
import { ClinicServiceEntity } from "./clinic-service/clinic-service.entity";

/** bookings' tables live in the Postgres schema "bookings". */
export function openBookingsDatabase(url: string, log: Logger): Promise<SubgraphDatabase> {
  return openSubgraphDatabase({
    schema: "bookings",
    url,
    log,
    entities: [ClinicEntity, ClinicServiceEntity, VetHoursEntity, ScheduleOverrideEntity, BookingEntity],
    migrations: [Initial1764400000000, NoShows1766700000000, ClinicReviewQueue1766810000000],
  });
}
