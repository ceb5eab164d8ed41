import type { DataSource, EntityManager } from "typeorm";
import {
  consume,
  isUuid,
  type ConsumeOptions,
  type DomainEvent,
  type EventBus,
  type EventSubscription,
  type Logger,
} from "@pawgraph/subgraph-kit";
import { ORDER_SHIPPED } from "../consumed-events";
import type { DispenseOutcome, PrescriptionDispensingRepository } from "./prescription-dispensing.repository";

export const ORDER_SHIPPED_CONSUMER = "ehr.prescription-dispensings";

/**
 * A shipped order's prescription-only lines (those naming a prescription and a pet) dispense their
 * prescriptions: one dispensing and one refill fewer per line, however often the event arrives.
 * Lines are applied in prescription order, the order their rows are locked in, so two events
 * dispensing the same prescriptions cannot deadlock. A line ehr cannot apply (an id that is no
 * prescription of ours, a pet that is not the prescription's) is logged, never retried: it could
 * only fail again.
 */
export async function applyOrderShipped(
  dispensings: PrescriptionDispensingRepository,
  event: DomainEvent,
  manager: EntityManager,
  log: Logger,
): Promise<DispenseOutcome[]> {
  const shipped = ORDER_SHIPPED.decode(event);
  const lines = shipped.lines
    .flatMap((line) =>
      line.prescriptionId !== null && line.petId !== null
        ? [{ ...line, prescriptionId: line.prescriptionId.toLowerCase(), petId: line.petId.toLowerCase() }]
        : [],
    )
    .sort((a, b) => a.prescriptionId.localeCompare(b.prescriptionId) || a.orderLineId.localeCompare(b.orderLineId));
  const outcomes: DispenseOutcome[] = [];
  for (const line of lines) {
    const about = { eventId: event.id, orderId: shipped.orderId, orderLineId: line.orderLineId };
    if (!isUuid(line.prescriptionId) || line.quantity < 1) {
      log.warn({ ...about, prescriptionId: line.prescriptionId }, "order.shipped line names no prescription of ehr's");
      outcomes.push({ kind: "UNKNOWN_PRESCRIPTION" });
      continue;
    }
    const outcome = await dispensings.dispense(manager, {
      medicationId: line.prescriptionId,
      orderLineId: line.orderLineId,
      orderId: shipped.orderId,
      quantity: line.quantity,
      dispensedAt: new Date(event.occurredAt),
    });
    outcomes.push(outcome);
    const fields = { ...about, medicationId: line.prescriptionId };
    if (outcome.kind === "UNKNOWN_PRESCRIPTION")
      log.warn(fields, "order.shipped dispensed a prescription ehr does not hold");
    if (outcome.kind === "REFILLS_EXHAUSTED")
      log.warn(fields, "dispensed a prescription with no refills left (recorded, flagged; refills stay at 0)");
    if ((outcome.kind === "DISPENSED" || outcome.kind === "REFILLS_EXHAUSTED") && outcome.petId !== line.petId)
      log.warn(
        fields,
        "order.shipped line names another pet than its prescription's; recorded on the prescription's pet",
      );
  }
  return outcomes;
}

/** The consumer `ehr.prescription-dispensings`: which events, and what each does in its transaction. */
export function orderShippedConsumer(
  dataSource: DataSource,
  dispensings: PrescriptionDispensingRepository,
  log: Logger,
): Omit<ConsumeOptions, "startFrom" | "batchSize"> {
  return {
    dataSource,
    schema: "ehr",
    consumer: ORDER_SHIPPED_CONSUMER,
    types: [ORDER_SHIPPED.type],
    handle: async (event, manager) => {
      await applyOrderShipped(dispensings, event, manager, log);
    },
  };
}

/** Subscribes ehr to orders' `order.shipped`, each event applied once. */
export function consumeOrderShipped(
  bus: EventBus,
  dataSource: DataSource,
  dispensings: PrescriptionDispensingRepository,
  log: Logger,
): Promise<EventSubscription> {
  return consume(bus, orderShippedConsumer(dataSource, dispensings, log));
}
