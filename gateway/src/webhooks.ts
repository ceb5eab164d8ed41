import express, { type Express } from "express";
import { REQUEST_ID_HEADER, type Logger } from "@pawgraph/subgraph-kit/src/edge";

/**
 * Payment providers' webhooks reach the platform at the gateway's address (one public host): the
 * raw body and the signature header are forwarded unchanged to the subgraph that owns them, which
 * checks the signature. The wait is bounded; an unreachable subgraph answers 502 and the provider
 * retries the delivery later.
 */
export function webhookRoutes(
  app: Express,
  options: { orders: () => string | undefined; timeoutMs: number; log: Logger },
): void {
  app.post("/webhooks/stripe", express.raw({ type: () => true, limit: "1mb" }), async (req, res) => {
    const graphqlUrl = options.orders();
    if (!graphqlUrl) {
      res.status(404).json({ error: "No payments service" });
      return;
    }
    const headers: Record<string, string> = { "content-type": req.header("content-type") ?? "application/json" };
    const signature = req.header("stripe-signature");
    if (signature) headers["stripe-signature"] = signature;
    const requestId = req.header(REQUEST_ID_HEADER);
    if (requestId && /^[\w-]{1,64}$/.test(requestId)) headers[REQUEST_ID_HEADER] = requestId;
    try {
      const answer = await fetch(new URL("/webhooks/stripe", graphqlUrl), {
        method: "POST",
        headers,
        body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      res
        .status(answer.status)
        .type(answer.headers.get("content-type") ?? "application/json")
        .send(Buffer.from(await answer.arrayBuffer()));
    } catch (error) {
      options.log.warn({ err: error }, "Stripe webhook could not be forwarded to orders");
      res.status(502).json({ error: "Payments service unavailable; retry later" });
    }
  });
}
