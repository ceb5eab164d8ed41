import { z } from "zod";
import { ERASURE_DUE, EXPORT_REQUESTED, readEvent } from "@pawgraph/subgraph-kit";

/**
 * ehr's own copy of the events it reads from other subgraphs: only the fields it uses. The
 * contract tests check each against its producer's committed JSON Schema (events/<source>/).
 */

/** orders shipped (part of) an order: each prescription-only line dispenses a prescription of ehr's. */
export const ORDER_SHIPPED = readEvent({
  source: "orders",
  name: "order.shipped",
  payload: z.object({
    orderId: z.string(),
    lines: z.array(
      z.object({
        orderLineId: z.string(),
        quantity: z.number().int(),
        petId: z.string().nullable(),
        prescriptionId: z.string().nullable(),
      }),
    ),
  }),
});

export const CONSUMED_EVENTS = [ORDER_SHIPPED, EXPORT_REQUESTED, ERASURE_DUE];
