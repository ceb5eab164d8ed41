import type { EntityManager } from "typeorm";

/** A booking as `pets.booking_access` records it. */
export interface BookedVisit {
  bookingId: string;
  petId: string;
  clinicId: string;
  ownerId: string;
  endsAt: string;
}

/** `pets.booking_access`: which clinic sees which pet because of a booking, and until when. */
export class BookingAccessRepository {
  /** In the caller's transaction: the booking no longer opens the pet. */
  async cancel(tx: EntityManager, bookingId: string): Promise<void> {
    await tx.query(`UPDATE pets.booking_access SET cancelled_at = now() WHERE booking_id = $1`, [bookingId]);
  }

  /**
   * In the caller's transaction: the booking's clinic sees the pet until `daysAfter` days after its
   * end (a rescheduled booking moves it), if the booking's owner owns a pet this database holds.
   */
  async open(tx: EntityManager, booking: BookedVisit, daysAfter: number): Promise<void> {
    await tx.query(
      `INSERT INTO pets.booking_access (booking_id, pet_id, clinic_id, until)
       SELECT $1, p.id, $3, $4::timestamptz + make_interval(days => $5) FROM pets.pets p
       WHERE p.id = $2 AND EXISTS (SELECT 1 FROM pets.pet_owners o WHERE o.pet_id = p.id AND o.user_id = $6)
       ON CONFLICT (booking_id) DO UPDATE SET clinic_id = EXCLUDED.clinic_id, until = EXCLUDED.until`,
      [booking.bookingId, booking.petId, booking.clinicId, booking.endsAt, daysAfter, booking.ownerId],
    );
  }
}
