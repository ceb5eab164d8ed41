import { randomUUID } from "node:crypto";
import { createLogger, idempotentHandler, type DomainEvent, type SubgraphDatabase } from "@pawgraph/subgraph-kit";
import { openEhrDatabase } from "../src/data-source";
import { orderShippedConsumer } from "../src/medication/order-shipped.consumer";
import { PrescriptionDispensingRepository } from "../src/medication/prescription-dispensing.repository";
import { TimelineRepository } from "../src/timeline/timeline.repository";

/**
 * orders' `order.shipped` through ehr's consumer `ehr.prescription-dispensings`: each shipped
 * prescription-only line dispenses its prescription once, however often the event arrives.
 */
let database: SubgraphDatabase;
let dispensings: PrescriptionDispensingRepository;
let handle: (event: DomainEvent) => Promise<void>;
const log = createLogger("ehr").child({}, { level: "silent" });
// Observes what the consumer warns about (calls through to the silent logger).
const warn = jest.spyOn(log, "warn");
const warningsAbout = (medicationId: string) =>
  warn.mock.calls
    .filter(([fields]) => (fields as { medicationId?: string }).medicationId === medicationId)
    .map(([, message]) => message);

beforeAll(async () => {
  database = await openEhrDatabase(process.env.DATABASE_URL!, createLogger("ehr").child({}, { level: "silent" }));
  dispensings = new PrescriptionDispensingRepository(database.dataSource);
  handle = idempotentHandler(orderShippedConsumer(database.dataSource, dispensings, log));
});
afterAll(() => database.dataSource.destroy());

/** A prescription on a fresh pet's record, with `refillsLeft` refills. */
async function prescription(refillsLeft: number): Promise<{ medicationId: string; petId: string }> {
  const petId = randomUUID();
  const rows: { id: string }[] = await database.dataSource.query(
    `INSERT INTO ehr.medications
       (pet_id, occurred_at, clinic_id, recorded_by, kind, drug, dose, dose_unit, route, frequency, starts_on, refills_left, prescriber_id)
     VALUES ($1, '2026-11-01T09:00:00Z', $2, $3, 'PRESCRIPTION', 'Apoquel 16 mg', 1, 'tablet', 'ORAL', 'once daily', '2026-11-01', $4, $3)
     RETURNING id`,
    [petId, randomUUID(), randomUUID(), refillsLeft],
  );
  return { medicationId: rows[0]!.id, petId };
}

type Line = { orderLineId: string; quantity: number; petId: string | null; prescriptionId: string | null };

/** An `order.shipped` as orders writes it (every field of its contract, not only those ehr reads). */
function orderShipped(lines: Line[]): DomainEvent {
  const orderId = randomUUID();
  return {
    id: randomUUID(),
    type: "order.shipped",
    source: "orders",
    aggregateId: orderId,
    occurredAt: new Date("2026-12-02T10:15:00.000Z"),
    payload: {
      orderId,
      orderNumber: "PG-100042",
      buyerId: randomUUID(),
      vendorOrderId: randomUUID(),
      vendorId: randomUUID(),
      shipmentId: randomUUID(),
      carrier: "DHL",
      trackingNumber: "00340434161094015902",
      lines: lines.map((line) => ({ ...line, productId: randomUUID(), variantId: randomUUID() })),
    },
  };
}

const line = (overrides: Partial<Line> = {}): Line => ({
  orderLineId: randomUUID(),
  quantity: 1,
  petId: null,
  prescriptionId: null,
  ...overrides,
});

async function state(medicationId: string) {
  const [medication] = await database.dataSource.query(`SELECT refills_left FROM ehr.medications WHERE id = $1`, [
    medicationId,
  ]);
  const rows: { order_line_id: string; quantity: number; refills_exhausted: boolean }[] =
    await database.dataSource.query(
      `SELECT order_line_id, quantity, refills_exhausted FROM ehr.prescription_dispensings WHERE medication_id = $1`,
      [medicationId],
    );
  return { refillsLeft: (medication as { refills_left: number }).refills_left, dispensings: rows };
}

describe("the order.shipped consumer", () => {
  it("dispenses a prescription once: the event delivered twice takes one refill and records one dispensing", async () => {
    const { medicationId, petId } = await prescription(2);
    const shipped = line({ petId, prescriptionId: medicationId, quantity: 2 });
    const event = orderShipped([shipped, line()]);
    await handle(event);
    await handle(event);
    expect(await state(medicationId)).toEqual({
      refillsLeft: 1,
      dispensings: [{ order_line_id: shipped.orderLineId, quantity: 2, refills_exhausted: false }],
    });
  });

  it("once per order line, even when another event carries the same line again", async () => {
    const { medicationId, petId } = await prescription(3);
    const shipped = line({ petId, prescriptionId: medicationId });
    await handle(orderShipped([shipped]));
    await handle(orderShipped([shipped]));
    expect((await state(medicationId)).refillsLeft).toBe(2);
  });

  it("never below 0: with no refill left the dispensing is recorded, flagged, and a warning logged", async () => {
    const { medicationId, petId } = await prescription(0);
    const shipped = line({ petId, prescriptionId: medicationId });
    await handle(orderShipped([shipped]));
    expect(await state(medicationId)).toEqual({
      refillsLeft: 0,
      dispensings: [{ order_line_id: shipped.orderLineId, quantity: 1, refills_exhausted: true }],
    });
    expect(warningsAbout(medicationId)).toEqual([
      "dispensed a prescription with no refills left (recorded, flagged; refills stay at 0)",
    ]);
  });

  it("two lines of one prescription take two refills; lines without a prescription or pet take none", async () => {
    const { medicationId, petId } = await prescription(5);
    await handle(
      orderShipped([
        line({ petId, prescriptionId: medicationId }),
        line({ petId, prescriptionId: medicationId }),
        line({ petId: null, prescriptionId: medicationId }),
        line({ petId, prescriptionId: null }),
      ]),
    );
    expect((await state(medicationId)).refillsLeft).toBe(3);
  });

  it("a prescription ehr does not hold is logged and skipped, and does not stall the consumer", async () => {
    const unknown = randomUUID();
    await handle(orderShipped([line({ petId: randomUUID(), prescriptionId: unknown })]));
    await handle(orderShipped([line({ petId: randomUUID(), prescriptionId: "rx-1" })]));
    expect(warningsAbout(unknown)).toEqual(["order.shipped dispensed a prescription ehr does not hold"]);
  });

  it("shows the dispensing on the pet's timeline, when it shipped", async () => {
    const { medicationId, petId } = await prescription(1);
    await handle(orderShipped([line({ petId, prescriptionId: medicationId })]));
    const entries = await new TimelineRepository(database.dataSource).pages([petId], {
      limit: 10,
      after: undefined,
      filter: undefined,
    });
    expect(entries.map((e) => [e.kind, e.occurredAt])).toEqual([
      ["DISPENSING", new Date("2026-12-02T10:15:00.000Z")],
      ["MEDICATION", new Date("2026-11-01T09:00:00Z")],
    ]);
    const [dispensing] = await dispensings.ofMedications([medicationId]);
    expect(dispensing).toMatchObject({ medicationId, petId, quantity: 1, refillsExhausted: false });
  });
});
