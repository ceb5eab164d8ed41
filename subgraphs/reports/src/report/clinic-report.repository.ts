import type { DataSource } from "typeorm";
import { money } from "@pawgraph/subgraph-kit";
import {
  CancelledByRoleValue,
  type CancellationsByRole,
  type ClinicBookingsRow,
  type ClinicCancellation,
  type ClinicPatientsRow,
  type ClinicReminders,
} from "./clinic-report.types";
import { boundsSql, rangeSql, type ReportRange } from "./report-range";

/** Listed rows (cancellations, reminders) per report: enough to act on, bounded for the response. */
export const LIST_LIMIT = 500;

/** A patient: the pet, or the owner when the booking named no pet. */
const PATIENT = `coalesce(pet_id, 'owner:' || owner_id)`;
/** An appointment that was kept (or is still to come): neither cancelled nor a no-show. */
const KEPT = `cancelled_at IS NULL AND no_show_at IS NULL`;

/** The clinic report's queries over reports' fact tables; every one is bounded by the clinic and the range. */
export class ClinicReportRepository {
  constructor(private readonly db: DataSource) {}

  async bookings(clinicId: string, range: ReportRange): Promise<ClinicBookingsRow[]> {
    const r = rangeSql(range, 2);
    const rows: (Omit<ClinicBookingsRow, "revenue"> & { revenue: string | null; currency: string | null })[] =
      await this.db.query(
        `SELECT ${r.period("starts_at")} AS period, service_id AS "serviceId", max(service_name) AS "serviceName",
                count(*)::int AS booked,
                count(*) FILTER (WHERE cancelled_at IS NOT NULL)::int AS cancelled,
                count(*) FILTER (WHERE no_show_at IS NOT NULL AND cancelled_at IS NULL)::int AS "noShows",
                sum(price_minor) FILTER (WHERE ${KEPT}) AS revenue, max(currency) AS currency
           FROM reports.booking_facts
          WHERE clinic_id = $1 AND ${r.inRange("starts_at")}
          GROUP BY 1, 2 ORDER BY 1, 3, 2`,
        [clinicId, ...r.params],
      );
    return rows.map(({ revenue, currency, ...row }) => ({
      ...row,
      revenue: revenue !== null && currency ? money(revenue, currency) : null,
    }));
  }

  async cancellationsByRole(clinicId: string, range: ReportRange): Promise<CancellationsByRole[]> {
    const r = boundsSql(range, 2);
    return this.db.query(
      `SELECT coalesce(cancelled_by_role, 'UNKNOWN') AS role, count(*)::int AS count
         FROM reports.booking_facts
        WHERE clinic_id = $1 AND cancelled_at IS NOT NULL AND ${r.inRange("starts_at")}
        GROUP BY 1 ORDER BY 1`,
      [clinicId, ...r.params],
    );
  }

  async cancellations(clinicId: string, range: ReportRange): Promise<ClinicCancellation[]> {
    const r = boundsSql(range, 2);
    const rows: ClinicCancellation[] = await this.db.query(
      `SELECT booking_id AS "bookingId", service_name AS "serviceName", starts_at AS "startsAt",
              cancelled_at AS "cancelledAt", cancelled_by AS "cancelledBy",
              coalesce(cancelled_by_role, 'UNKNOWN') AS "cancelledByRole"
         FROM reports.booking_facts
        WHERE clinic_id = $1 AND cancelled_at IS NOT NULL AND ${r.inRange("starts_at")}
        ORDER BY starts_at, booking_id LIMIT ${LIST_LIMIT}`,
      [clinicId, ...r.params],
    );
    return rows.map((row) => ({ ...row, cancelledByRole: row.cancelledByRole ?? CancelledByRoleValue.UNKNOWN }));
  }

  async patients(clinicId: string, range: ReportRange): Promise<ClinicPatientsRow[]> {
    const r = rangeSql(range, 2);
    return this.db.query(
      `WITH firsts AS (
         SELECT ${PATIENT} AS patient, min(starts_at) AS first_at FROM reports.booking_facts
          WHERE clinic_id = $1 AND ${KEPT} GROUP BY 1),
       seen AS (
         SELECT DISTINCT ${r.period("starts_at")} AS period, ${PATIENT} AS patient FROM reports.booking_facts
          WHERE clinic_id = $1 AND ${KEPT} AND ${r.inRange("starts_at")})
       SELECT s.period, count(*) FILTER (WHERE ${r.period("f.first_at")} = s.period)::int AS "newPatients",
              count(*) FILTER (WHERE ${r.period("f.first_at")} <> s.period)::int AS "returningPatients"
         FROM seen s JOIN firsts f ON f.patient = s.patient
        GROUP BY 1 ORDER BY 1`,
      [clinicId, ...r.params],
    );
  }

  /**
   * Reminders due in the range that the clinic set (its vaccination), or that no clinic set for a pet
   * with any booking at the clinic, each with the first booking at this clinic for the pet confirmed
   * within `windowDays` after the reminder was sent. Another clinic's reminder is that clinic's.
   */
  async reminders(clinicId: string, range: ReportRange, windowDays: number): Promise<ClinicReminders> {
    const rows: (ClinicReminders["reminders"][number] & { total: number; converted: number })[] = await this.db.query(
      `WITH due AS (
         SELECT rm.reminder_id, rm.pet_id, rm.code, rm.title, rm.due_on, rm.sent_at,
                (SELECT b.booking_id FROM reports.booking_facts b
                  WHERE b.clinic_id = $1 AND b.pet_id = rm.pet_id AND b.confirmed_at >= rm.sent_at
                    AND b.confirmed_at < rm.sent_at + make_interval(days => $2::int)
                  ORDER BY b.confirmed_at, b.booking_id LIMIT 1) AS booking_id
           FROM reports.reminder_facts rm
          WHERE rm.due_on BETWEEN $3::date AND $4::date
            AND (rm.clinic_id = $1 OR (rm.clinic_id IS NULL
              AND EXISTS (SELECT 1 FROM reports.booking_facts p WHERE p.clinic_id = $1 AND p.pet_id = rm.pet_id))))
       SELECT reminder_id AS "reminderId", pet_id AS "petId", code, title, due_on::text AS "dueOn",
              sent_at AS "remindedAt", booking_id AS "convertedBookingId",
              count(*) OVER ()::int AS total, (count(booking_id) OVER ())::int AS converted
         FROM due ORDER BY due_on, reminder_id LIMIT ${LIST_LIMIT}`,
      [clinicId, windowDays, range.from, range.to],
    );
    return {
      conversionWindowDays: windowDays,
      due: rows[0]?.total ?? 0,
      converted: rows[0]?.converted ?? 0,
      reminders: rows.map(({ total: _total, converted: _converted, ...reminder }) => reminder),
    };
  }
}
