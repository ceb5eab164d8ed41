import { In, type DataSource, type EntityManager, type SelectQueryBuilder } from "typeorm";
import { keyset } from "@pawgraph/subgraph-kit";
import { BookingEntity } from "./booking.entity";

/** Booking connections page by (start, id): the cursor holds the start as ISO 8601 and the row's uuid. */
export const BOOKING_PAGE = keyset("date", "uuid").of((row: BookingEntity) => [row.startsAt, row.id]);
export type BookingKey = [Date, string];

/** A hold about to be written: `during` is the range (with the service's buffers) the exclusion constraint compares. */
export interface NewHold {
  clinicId: string;
  serviceId: string;
  vetId: string;
  holderId: string;
  startsAt: Date;
  endsAt: Date;
  during: string;
  holdSeconds: number;
}

/** Where a booking moves to: the same vet or another, with the new `during` range. */
export interface BookingMove {
  vetId: string;
  startsAt: Date;
  endsAt: Date;
  during: string;
}

/** A period an appointment blocks a vet for, its buffers included. */
export interface BusyRow {
  vetId: string;
  start: Date;
  end: Date;
}

const BOOKED = "a.status IN ('CONFIRMED', 'CANCELLED')";
/** One cancellation, however it comes: $2 the reason, $3 who cancelled; the SEQUENCE grows so calendar apps update. */
const CANCEL =
  "status = 'CANCELLED', cancel_reason = $2, cancelled_by = $3, sequence = sequence + 1, updated_at = now()";

/**
 * Queries of the `appointments` table: holds and bookings (confirmed or cancelled), in start order
 * with keyset cursors for the connections. Statements that must join a service's transaction take
 * its `EntityManager`.
 */
export class BookingRepository {
  constructor(private readonly db: DataSource) {}

  private rows(): SelectQueryBuilder<BookingEntity> {
    return this.db.getRepository(BookingEntity).createQueryBuilder("a");
  }

  /** Up to `limit` bookings matching `where`, strictly after `after` in (start, id) order. */
  private page(
    where: string,
    params: Record<string, unknown>,
    limit: number,
    after: BookingKey | undefined,
    direction: "ASC" | "DESC" = "ASC",
  ): Promise<BookingEntity[]> {
    const qb = this.rows().where(where, params).andWhere(BOOKED);
    if (after) {
      const op = direction === "ASC" ? ">" : "<";
      qb.andWhere(`(a.starts_at, a.id) ${op} (:afterStart, :afterId)`, { afterStart: after[0], afterId: after[1] });
    }
    return qb.orderBy("a.starts_at", direction).addOrderBy("a.id", direction).limit(limit).getMany();
  }

  /** Booked (confirmed or cancelled) appointments by id; holds are not bookings. */
  bookedByIds(ids: readonly string[]): Promise<BookingEntity[]> {
    return this.rows()
      .where(`a.id = ANY(:ids) AND ${BOOKED}`, { ids: [...ids] })
      .getMany();
  }

  /**
   * Newest-first pages of many pets' bookings in one statement (only those at `clinicIds` when given):
   * a window function numbers each pet's bookings after the cursor, and the first `limit` per pet come back.
   */
  ofPets(
    petIds: readonly string[],
    clinicIds: readonly string[] | undefined,
    limit: number,
    after: BookingKey | undefined,
  ): Promise<BookingEntity[]> {
    const filters = ["pet_id = ANY(:petIds)", "status IN ('CONFIRMED', 'CANCELLED')"];
    const params: Record<string, unknown> = { petIds: [...petIds], limit };
    if (clinicIds) {
      filters.push("clinic_id = ANY(:clinicIds)");
      params.clinicIds = [...clinicIds];
    }
    if (after) {
      filters.push("(starts_at, id) < (:afterStart, :afterId)");
      Object.assign(params, { afterStart: after[0], afterId: after[1] });
    }
    return this.rows()
      .where(
        `a.id IN (SELECT id FROM (
           SELECT id, row_number() OVER (PARTITION BY pet_id ORDER BY starts_at DESC, id DESC) AS rn
           FROM bookings.appointments WHERE ${filters.join(" AND ")}
         ) ranked WHERE rn <= :limit)`,
        params,
      )
      .orderBy("a.pet_id")
      .addOrderBy("a.starts_at", "DESC")
      .addOrderBy("a.id", "DESC")
      .getMany();
  }

  upcomingOf(holderId: string, limit: number, after: BookingKey | undefined): Promise<BookingEntity[]> {
    return this.page(
      "a.holder_id = :holderId AND a.status = 'CONFIRMED' AND a.ends_at > now()",
      { holderId },
      limit,
      after,
    );
  }

  ofClinic(
    clinicId: string,
    from: Date,
    to: Date,
    limit: number,
    after: BookingKey | undefined,
  ): Promise<BookingEntity[]> {
    return this.page(
      "a.clinic_id = :clinicId AND a.starts_at >= :from AND a.starts_at < :to",
      { clinicId, from, to },
      limit,
      after,
    );
  }

  ofVet(vetId: string, from: Date, to: Date): Promise<BookingEntity[]> {
    return this.rows()
      .where("a.vet_id = :vetId AND a.status = 'CONFIRMED' AND a.starts_at >= :from AND a.starts_at < :to", {
        vetId,
        from,
        to,
      })
      .orderBy("a.starts_at")
      .getMany();
  }

  /** A vet's confirmed bookings at a clinic overlapping [from, to), in start order. */
  confirmedOverlapping(clinicId: string, vetId: string, from: Date, to: Date): Promise<BookingEntity[]> {
    return this.rows()
      .where("a.clinic_id = :clinicId AND a.vet_id = :vetId AND a.status = 'CONFIRMED'", { clinicId, vetId })
      .andWhere("a.starts_at < :to AND a.ends_at > :from", { from, to })
      .orderBy("a.starts_at")
      .getMany();
  }

  /** Every booking of a holder or a vet, for calendar feeds. */
  forFeed(kind: "OWNER" | "VET", userId: string): Promise<BookingEntity[]> {
    const column = kind === "OWNER" ? "holder_id" : "vet_id";
    return this.rows()
      .where(`a.${column} = :userId AND ${BOOKED} AND a.starts_at > now() - interval '90 days'`, { userId })
      .orderBy("a.starts_at")
      .getMany();
  }

  /** Live appointments (bookings, unexpired holds) of these vets overlapping [from, to), but `ignoreId`. */
  async busy(vetIds: string[], from: Date, to: Date, ignoreId?: string): Promise<BusyRow[]> {
    const rows: { vet_id: string; start: Date; end: Date }[] = await this.db.query(
      `SELECT vet_id, lower(during) AS start, upper(during) AS "end" FROM bookings.appointments
       WHERE vet_id = ANY($1::uuid[]) AND during && tstzrange($2, $3)
         AND (status = 'CONFIRMED' OR (status = 'HELD' AND expires_at > now()))
         AND ($4::uuid IS NULL OR id <> $4::uuid)`,
      [vetIds, from, to, ignoreId ?? null],
    );
    return rows.map((row) => ({ vetId: row.vet_id, start: row.start, end: row.end }));
  }

  byId(id: string): Promise<BookingEntity | null> {
    return this.db.getRepository(BookingEntity).findOneBy({ id });
  }

  /** The appointment `id` if `holderId` made it (a hold, or the booking it became). */
  heldBy(id: string, holderId: string): Promise<BookingEntity | null> {
    return this.db.getRepository(BookingEntity).findOneBy({ id, holderId });
  }

  /** Takes `tx`'s transaction-scoped lock on one holder's holds. */
  async lockHoldsOf(tx: EntityManager, holderId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`bookings:holds:${holderId}`]);
  }

  async liveHoldsOf(tx: EntityManager, holderId: string): Promise<number> {
    const [{ live }] = (await tx.query(
      `SELECT count(*)::int AS live FROM bookings.appointments WHERE holder_id = $1 AND status = 'HELD' AND expires_at > now()`,
      [holderId],
    )) as [{ live: number }];
    return live;
  }

  /** Expires the vet's lapsed holds overlapping `range` (a tstzrange literal). */
  async expireLapsedHolds(tx: EntityManager, vetId: string, range: string): Promise<void> {
    await tx.query(
      `UPDATE bookings.appointments SET status = 'EXPIRED', updated_at = now()
       WHERE vet_id = $1 AND status = 'HELD' AND expires_at <= now() AND during && $2::tstzrange`,
      [vetId, range],
    );
  }

  /** Writes a hold lasting `holdSeconds` from now; the exclusion constraint refuses one that clashes. Returns its id. */
  async insertHold(tx: EntityManager, hold: NewHold): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO bookings.appointments (clinic_id, service_id, vet_id, holder_id, status, starts_at, ends_at, during, expires_at)
       VALUES ($1, $2, $3, $4, 'HELD', $5, $6, $7::tstzrange, now() + make_interval(secs => $8)) RETURNING id`,
      [
        hold.clinicId,
        hold.serviceId,
        hold.vetId,
        hold.holderId,
        hold.startsAt,
        hold.endsAt,
        hold.during,
        hold.holdSeconds,
      ],
    )) as { id: string }[];
    return row!.id;
  }

  /** Deletes the holder's unconfirmed hold (live or lapsed); false when there was none. */
  async deleteHold(id: string, holderId: string): Promise<boolean> {
    const deleted: [unknown[], number] = await this.db.query(
      `DELETE FROM bookings.appointments WHERE id = $1 AND holder_id = $2 AND status IN ('HELD', 'EXPIRED') RETURNING id`,
      [id, holderId],
    );
    return deleted[1] > 0;
  }

  /** Locks the appointment for `tx` and tells its status and whether a hold on it is still live. */
  async lockForConfirm(tx: EntityManager, id: string): Promise<{ status: string; live: boolean } | undefined> {
    const [locked] = (await tx.query(
      `SELECT status, expires_at > now() AS live FROM bookings.appointments WHERE id = $1 FOR UPDATE`,
      [id],
    )) as {
      status: string;
      live: boolean;
    }[];
    return locked;
  }

  async confirm(
    tx: EntityManager,
    id: string,
    booking: { petId: string; notes: string | null; meetingUrl: string | null },
  ): Promise<void> {
    await tx.query(
      `UPDATE bookings.appointments SET status = 'CONFIRMED', pet_id = $2, notes = $3, meeting_url = $4, expires_at = NULL, updated_at = now() WHERE id = $1`,
      [id, booking.petId, booking.notes, booking.meetingUrl],
    );
  }

  async cancel(tx: EntityManager, id: string, reason: string | null, by: string): Promise<void> {
    await tx.query(`UPDATE bookings.appointments SET ${CANCEL} WHERE id = $1`, [id, reason, by]);
  }

  /** Records a no-show once: false when it was already recorded (or the booking is not confirmed). */
  async markNoShow(tx: EntityManager, id: string, by: string): Promise<boolean> {
    const rows = (await tx.query(
      `WITH marked AS (UPDATE bookings.appointments SET no_show_at = now(), no_show_marked_by = $2, updated_at = now()
         WHERE id = $1 AND status = 'CONFIRMED' AND no_show_at IS NULL RETURNING id)
       SELECT id FROM marked`,
      [id, by],
    )) as { id: string }[];
    return rows.length === 1;
  }

  /** Cancels the clinic's upcoming confirmed bookings with `reason` and returns them as they are now. */
  async cancelUpcomingAt(
    tx: EntityManager,
    clinicId: string,
    reason: string,
    by: string | null,
  ): Promise<BookingEntity[]> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [rows] = (await tx.query(
      `UPDATE bookings.appointments SET ${CANCEL} WHERE clinic_id = $1 AND status = 'CONFIRMED' AND starts_at > now() RETURNING id`,
      [clinicId, reason, by],
    )) as [{ id: string }[], number];
    return rows.length ? tx.getRepository(BookingEntity).findBy({ id: In(rows.map((r) => r.id)) }) : [];
  }

  /** Moves a booking in one statement: the exclusion constraint accepts the new time or nothing changes. */
  async move(tx: EntityManager, id: string, to: BookingMove): Promise<void> {
    await tx.query(
      `UPDATE bookings.appointments SET vet_id = $2, starts_at = $3, ends_at = $4, during = $5::tstzrange, sequence = sequence + 1, updated_at = now() WHERE id = $1`,
      [id, to.vetId, to.startsAt, to.endsAt, to.during],
    );
  }
}
