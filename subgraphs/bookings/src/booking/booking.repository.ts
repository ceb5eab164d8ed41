import type { DataSource } from "typeorm";
import { BookingEntity } from "./booking.entity";

export interface BookingPageQuery {
  limit: number;
  after?: { startsAt: string; id: string };
}

/** Reads of bookings (confirmed and cancelled appointments), in start order with keyset cursors. */
export class BookingRepository {
  constructor(private readonly db: DataSource) {}

  private page(where: string, params: unknown[], query: BookingPageQuery, direction: "ASC" | "DESC" = "ASC"): Promise<BookingEntity[]> {
    const qb = this.db
      .getRepository(BookingEntity)
      .createQueryBuilder("a")
      .where(where, Object.fromEntries(params.map((p, i) => [`p${i}`, p])))
      .andWhere("a.status IN ('CONFIRMED', 'CANCELLED')");
    if (query.after) {
      const op = direction === "ASC" ? ">" : "<";
      qb.andWhere(`(a.starts_at, a.id) ${op} (:afterStart, :afterId)`, { afterStart: query.after.startsAt, afterId: query.after.id });
    }
    return qb.orderBy("a.starts_at", direction).addOrderBy("a.id", direction).limit(query.limit + 1).getMany();
  }

  /** Booked (confirmed or cancelled) appointments by id; holds are not bookings. */
  bookedByIds(ids: readonly string[]): Promise<BookingEntity[]> {
    return this.db
      .getRepository(BookingEntity)
      .createQueryBuilder("a")
      .where("a.id = ANY(:ids) AND a.status IN ('CONFIRMED', 'CANCELLED')", { ids: [...ids] })
      .getMany();
  }

  ofPet(petId: string, clinicIds: string[] | null, query: BookingPageQuery): Promise<BookingEntity[]> {
    return clinicIds
      ? this.page("a.pet_id = :p0 AND a.clinic_id = ANY(:p1)", [petId, clinicIds], query, "DESC")
      : this.page("a.pet_id = :p0", [petId], query, "DESC");
  }

  upcomingOf(holderId: string, query: BookingPageQuery): Promise<BookingEntity[]> {
    return this.page("a.holder_id = :p0 AND a.status = 'CONFIRMED' AND a.ends_at > now()", [holderId], query);
  }

  ofClinic(clinicId: string, from: Date, to: Date, query: BookingPageQuery): Promise<BookingEntity[]> {
    return this.page("a.clinic_id = :p0 AND a.starts_at >= :p1 AND a.starts_at < :p2", [clinicId, from, to], query);
  }

  ofVet(vetId: string, from: Date, to: Date): Promise<BookingEntity[]> {
    return this.db
      .getRepository(BookingEntity)
      .createQueryBuilder("a")
      .where("a.vet_id = :vetId AND a.status = 'CONFIRMED' AND a.starts_at >= :from AND a.starts_at < :to", { vetId, from, to })
      .orderBy("a.starts_at")
      .getMany();
  }

  /** Every booking of a holder or a vet, for calendar feeds. */
  forFeed(kind: "OWNER" | "VET", userId: string): Promise<BookingEntity[]> {
    const column = kind === "OWNER" ? "holder_id" : "vet_id";
    return this.db
      .getRepository(BookingEntity)
      .createQueryBuilder("a")
      .where(`a.${column} = :userId AND a.status IN ('CONFIRMED', 'CANCELLED') AND a.starts_at > now() - interval '90 days'`, { userId })
      .orderBy("a.starts_at")
      .getMany();
  }
}
