import type { DataSource, EntityManager } from "typeorm";
import type { OfferCredit } from "./wellness-offer.repository";

export interface CoverageRow {
  bookingId: string;
  planId: string;
  serviceId: string;
  serviceName: string;
  clinicId: string;
  ownerId: string;
  planYearStart: string;
  status: "COVERED" | "RELEASED";
  coveredAt: Date;
}

export interface CreditUse {
  planId: string;
  serviceId: string;
  used: number;
}

/** A confirmed booking as the coverage rules read it. */
export interface BookingFacts {
  bookingId: string;
  clinicId: string;
  serviceId: string;
  petId: string;
  startsAt: Date;
}

const COVERAGE = `booking_id AS "bookingId", plan_id AS "planId", service_id AS "serviceId",
  service_name AS "serviceName", clinic_id AS "clinicId", owner_id AS "ownerId",
  to_char(plan_year_start, 'YYYY-MM-DD') AS "planYearStart", status, covered_at AS "coveredAt"`;

/** The plan year a date falls in: the plan's start date plus whole years (never before the start). */
const PLAN_YEAR = (anchor: string, day: string) =>
  `(${anchor} + make_interval(years => GREATEST(0, date_part('year', age(${day}, ${anchor}))::int)))::date`;

/** Which bookings WELLNESS plans cover, counted per plan year against the offer's allowance. */
export class WellnessCoverageRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Covers the booking from the pet's first active WELLNESS plan at the clinic whose offer includes the
   * service with credits left in the plan year of the appointment. The plans are locked, so two
   * bookings at once never both take the last credit. The coverage, or null when none applies.
   */
  async cover(manager: EntityManager, booking: BookingFacts): Promise<CoverageRow | null> {
    const plans = (await manager.query(
      `SELECT p.id, p.owner_id AS "ownerId", to_char(${PLAN_YEAR("p.anchor_on", "$3::date")}, 'YYYY-MM-DD') AS "yearStart",
              o.service_credits AS credits
         FROM orders.care_plans p JOIN orders.wellness_offers o ON o.id = p.wellness_offer_id
        WHERE p.kind = 'WELLNESS' AND p.status = 'ACTIVE' AND p.pet_id = $1 AND p.clinic_id = $2
        ORDER BY p.created_at, p.id FOR UPDATE OF p`,
      [booking.petId, booking.clinicId, booking.startsAt.toISOString().slice(0, 10)],
    )) as { id: string; ownerId: string; yearStart: string; credits: OfferCredit[] }[];
    for (const plan of plans) {
      const credit = plan.credits.find((c) => c.serviceId === booking.serviceId);
      if (!credit) continue;
      const [{ used }] = (await manager.query(
        `SELECT count(*)::int AS used FROM orders.wellness_coverages
          WHERE plan_id = $1 AND service_id = $2 AND plan_year_start = $3 AND status = 'COVERED'`,
        [plan.id, booking.serviceId, plan.yearStart],
      )) as [{ used: number }];
      if (used >= credit.perYear) continue;
      const [row] = (await manager.query(
        `INSERT INTO orders.wellness_coverages
           (booking_id, plan_id, service_id, service_name, clinic_id, owner_id, plan_year_start, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'COVERED')
         ON CONFLICT (booking_id) DO NOTHING RETURNING ${COVERAGE}`,
        [
          booking.bookingId,
          plan.id,
          booking.serviceId,
          credit.serviceName,
          booking.clinicId,
          plan.ownerId,
          plan.yearStart,
        ],
      )) as CoverageRow[];
      return row ?? null;
    }
    return null;
  }

  /** Gives a cancelled booking's credit back; true when it held one. */
  async release(manager: EntityManager, bookingId: string): Promise<boolean> {
    const rows = (await manager.query(
      `WITH released AS (UPDATE orders.wellness_coverages SET status = 'RELEASED', released_at = now()
         WHERE booking_id = $1 AND status = 'COVERED' RETURNING booking_id)
       SELECT booking_id FROM released`,
      [bookingId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The coverages of these bookings (covered or released). */
  async ofBookings(bookingIds: readonly string[]): Promise<CoverageRow[]> {
    return this.db.query(`SELECT ${COVERAGE} FROM orders.wellness_coverages WHERE booking_id = ANY($1::uuid[])`, [
      bookingIds,
    ]);
  }

  /** Credits used in each plan's current plan year (as of `today`), per service. */
  async usedThisYear(planIds: readonly string[], today: string): Promise<CreditUse[]> {
    return this.db.query(
      `SELECT c.plan_id AS "planId", c.service_id AS "serviceId", count(*)::int AS used
         FROM orders.wellness_coverages c JOIN orders.care_plans p ON p.id = c.plan_id
        WHERE c.plan_id = ANY($1::uuid[]) AND c.status = 'COVERED'
          AND c.plan_year_start = ${PLAN_YEAR("p.anchor_on", "$2::date")}
        GROUP BY c.plan_id, c.service_id`,
      [planIds, today],
    );
  }
}
