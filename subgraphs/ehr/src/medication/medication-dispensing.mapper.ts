import { HealthRecordKind } from "../record/health-record.type";
import type { MedicationDispensing } from "./medication-dispensing.type";
import type { PrescriptionDispensingEntity } from "./prescription-dispensing.entity";

export function toMedicationDispensing(row: PrescriptionDispensingEntity): MedicationDispensing {
  return {
    id: row.id,
    kind: HealthRecordKind.DISPENSING,
    occurredAt: row.dispensedAt,
    clinic: null,
    recordedBy: null,
    createdAt: row.createdAt,
    medicationId: row.medicationId,
    orderId: row.orderId,
    quantity: row.quantity,
    refillsExhausted: row.refillsExhausted,
  };
}
