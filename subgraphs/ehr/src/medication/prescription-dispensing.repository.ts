import { In, type DataSource, type EntityManager } from "typeorm";
import { PrescriptionDispensingEntity } from "./prescription-dispensing.entity";

/** One shipped order line that dispenses a prescription. */
export interface DispensedLine {
  medicationId: string;
  orderLineId: string;
  orderId: string;
  quantity: number;
  dispensedAt: Date;
}

/** What recording a line did; `petId` is the prescription's pet (the record the dispensing joins). */
export type DispenseOutcome =
  | { kind: "DISPENSED"; petId: string; refillsLeft: number }
  | { kind: "REFILLS_EXHAUSTED"; petId: string }
  | { kind: "ALREADY_DISPENSED" }
  | { kind: "UNKNOWN_PRESCRIPTION" };

/** `prescription_dispensings`: written by the `order.shipped` consumer, read by the timeline and `Medication.dispensings`. */
export class PrescriptionDispensingRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Records a dispensed line and takes one refill off its prescription, in the caller's transaction
   * (the consumer's, which also marks the event processed). Once per order line: a line already
   * recorded, by this event or another carrying it, changes nothing. The prescription's row is
   * locked first, so two lines of one prescription shipped at once each take their own refill.
   * With no refill left the dispensing is still recorded (the parcel left), flagged, and
   * `refills_left` stays 0 (its CHECK forbids less).
   */
  async dispense(manager: EntityManager, line: DispensedLine): Promise<DispenseOutcome> {
    const prescriptions: { pet_id: string; refills_left: number }[] = await manager.query(
      `SELECT pet_id, refills_left FROM ehr.medications WHERE id = $1 FOR UPDATE`,
      [line.medicationId],
    );
    const prescription = prescriptions[0];
    if (!prescription) return { kind: "UNKNOWN_PRESCRIPTION" };
    const exhausted = prescription.refills_left <= 0;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO ehr.prescription_dispensings
         (medication_id, pet_id, order_line_id, order_id, quantity, dispensed_at, refills_exhausted)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (order_line_id) DO NOTHING
       RETURNING id`,
      [
        line.medicationId,
        prescription.pet_id,
        line.orderLineId,
        line.orderId,
        line.quantity,
        line.dispensedAt,
        exhausted,
      ],
    );
    if (inserted.length === 0) return { kind: "ALREADY_DISPENSED" };
    if (exhausted) return { kind: "REFILLS_EXHAUSTED", petId: prescription.pet_id };
    await manager.query(`UPDATE ehr.medications SET refills_left = refills_left - 1 WHERE id = $1`, [
      line.medicationId,
    ]);
    return { kind: "DISPENSED", petId: prescription.pet_id, refillsLeft: prescription.refills_left - 1 };
  }

  /** The dispensings of these prescriptions, newest first (for a per-request loader). */
  ofMedications(medicationIds: readonly string[]): Promise<PrescriptionDispensingEntity[]> {
    return this.db.getRepository(PrescriptionDispensingEntity).find({
      where: { medicationId: In([...medicationIds]) },
      order: { dispensedAt: "DESC", seq: "DESC" },
    });
  }
}
