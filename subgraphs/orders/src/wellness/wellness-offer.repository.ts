import type { DataSource } from "typeorm";

export interface OfferLine {
  variantId: string;
  quantity: number;
}

export interface OfferCredit {
  serviceId: string;
  serviceName: string;
  perYear: number;
}

export interface WellnessOfferRow {
  id: string;
  clinicId: string;
  vendorId: string;
  name: string;
  description: string;
  currency: string;
  monthlyPriceMinor: number;
  lines: OfferLine[];
  serviceCredits: OfferCredit[];
  active: boolean;
  createdAt: Date;
}

export type NewWellnessOffer = Omit<WellnessOfferRow, "id" | "active" | "createdAt">;

const COLUMNS = `id, clinic_id AS "clinicId", vendor_id AS "vendorId", name, description, currency,
  monthly_price_minor AS "monthlyPriceMinor", lines, service_credits AS "serviceCredits", active, created_at AS "createdAt"`;

/** The `wellness_offers` table. */
export class WellnessOfferRepository {
  constructor(private readonly db: DataSource) {}

  async create(offer: NewWellnessOffer, createdBy: string): Promise<WellnessOfferRow> {
    const [row] = (await this.db.query(
      `INSERT INTO orders.wellness_offers
         (clinic_id, vendor_id, name, description, currency, monthly_price_minor, lines, service_credits, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9) RETURNING ${COLUMNS}`,
      [
        offer.clinicId,
        offer.vendorId,
        offer.name,
        offer.description,
        offer.currency,
        offer.monthlyPriceMinor,
        JSON.stringify(offer.lines),
        JSON.stringify(offer.serviceCredits),
        createdBy,
      ],
    )) as WellnessOfferRow[];
    return row!;
  }

  async byId(id: string): Promise<WellnessOfferRow | null> {
    const [row] = (await this.db.query(`SELECT ${COLUMNS} FROM orders.wellness_offers WHERE id = $1`, [
      id,
    ])) as WellnessOfferRow[];
    return row ?? null;
  }

  async byIds(ids: readonly string[]): Promise<WellnessOfferRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM orders.wellness_offers WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async activeAt(clinicId: string): Promise<WellnessOfferRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM orders.wellness_offers WHERE clinic_id = $1 AND active ORDER BY created_at, id LIMIT 100`,
      [clinicId],
    );
  }

  async archive(id: string): Promise<WellnessOfferRow> {
    const [row] = (await this.db.query(
      `WITH archived AS (UPDATE orders.wellness_offers SET active = false, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS})
       SELECT * FROM archived`,
      [id],
    )) as WellnessOfferRow[];
    return row!;
  }
}
