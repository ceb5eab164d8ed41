import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { PUBLISHED_EVENTS as ORDERS_EVENTS } from "@pawgraph/orders";
import { createLogger, openEventDataSource, writeEvent, type EventContract } from "@pawgraph/subgraph-kit";
import { PetDispensingsDocument, RecordMedicationDocument } from "../clients/__generated__/graphql";
import { eventually, execute, ownerPetAndVet, startStack, type Stack } from "./harness";
import { settle } from "./ws";

/**
 * A shop order that ships a prescription-only line dispenses the pet's prescription: orders writes
 * `order.shipped` to its outbox (here with the kit's event writer, as orders' services do), its relay
 * publishes it, and ehr's consumer records the dispensing on the pet's timeline and takes a refill.
 */
let stack: Stack;
let orders: DataSource;

beforeAll(async () => {
  stack = await startStack();
  orders = await openEventDataSource(stack.databaseUrl, "orders", createLogger("test-orders-outbox"));
});
afterAll(async () => {
  await orders.destroy();
  await stack.stop();
});

// orders' own contract: `create` checks the payload as orders' services have it checked.
const ORDER_SHIPPED: EventContract = ORDERS_EVENTS.find((event) => event.name === "order.shipped")!;

describe("prescriptions dispensed by shop orders", () => {
  it("a shipped prescription line shows on the pet's timeline and takes one refill, once though published twice", async () => {
    const { owner, petId, vet } = await ownerPetAndVet(stack);
    const today = new Date().toISOString().slice(0, 10);
    const prescribed = await execute(
      stack.gateway.url,
      RecordMedicationDocument,
      {
        input: {
          petId,
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          kind: "PRESCRIPTION",
          drug: "Apoquel 16 mg",
          dose: 1,
          doseUnit: "tablet",
          route: "ORAL",
          frequency: "once daily",
          startsOn: today,
          refills: 2,
        },
      },
      vet.token,
    );
    const prescriptionId = prescribed.data!.recordMedication.id;
    const orderId = randomUUID();
    const event = ORDER_SHIPPED.create(orderId, {
      orderId,
      orderNumber: "PG-100888",
      buyerId: owner.user.id,
      vendorOrderId: randomUUID(),
      vendorId: randomUUID(),
      shipmentId: randomUUID(),
      carrier: "DHL",
      trackingNumber: "00340434161094015902",
      lines: [
        {
          orderLineId: randomUUID(),
          productId: randomUUID(),
          variantId: randomUUID(),
          quantity: 2,
          petId,
          prescriptionId,
        },
        {
          orderLineId: randomUUID(),
          productId: randomUUID(),
          variantId: randomUUID(),
          quantity: 1,
          petId: null,
          prescriptionId: null,
        },
      ],
    });
    const outboxId = await orders.transaction((tx) => writeEvent(tx, "orders", event));
    const read = () => execute(stack.gateway.url, PetDispensingsDocument, { id: petId }, owner.token);
    const first = await eventually(read, (r) => (r.data?.pet?.healthTimeline?.edges.length ?? 0) > 0, 10_000);

    // Published again (the same event id), as a relay does after a crash or a Redis that lost its data.
    await orders.query(`UPDATE orders.outbox SET published_at = NULL WHERE id = $1`, [outboxId]);
    await orders.query(`SELECT pg_notify('pawgraph_outbox', 'orders')`);
    await eventually(
      () => orders.query(`SELECT 1 FROM orders.outbox WHERE id = $1 AND published_at IS NOT NULL`, [outboxId]),
      (rows: unknown[]) => rows.length === 1,
    );
    await settle(1_000);
    const again = await read();
    const expected = {
      __typename: "MedicationDispensing",
      kind: "DISPENSING",
      clinic: null,
      orderId,
      quantity: 2,
      refillsExhausted: false,
      medication: {
        id: prescriptionId,
        drug: "Apoquel 16 mg",
        refillsLeft: 1,
        dispensings: [{ orderId, quantity: 2 }],
      },
    };
    expect(first.data!.pet!.healthTimeline!.edges.map((e) => e.node)).toMatchObject([expected]);
    expect(again.data!.pet!.healthTimeline!.edges.map((e) => e.node)).toMatchObject([expected]);
  });
});
