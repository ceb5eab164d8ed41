import express, { type Express } from "express";
import type { Logger } from "@pawgraph/subgraph-kit";
import type { DataSource } from "typeorm";
import type { StripePaymentProvider } from "./stripe-payment-provider";
import { verifyStripeWebhook, WebhookSignatureError } from "./stripe-webhook";

export const STRIPE_WEBHOOK_PATH = "/webhooks/stripe";

/**
 * Stripe's webhook endpoint (the gateway forwards `POST /webhooks/stripe` here with the raw body). The
 * signature is checked with the real `constructEvent` on the raw bytes: a bad one, or one older than
 * five minutes, answers 400 and writes nothing. A good event is stored once by its id and answered
 * 200 at once; the queue processes it (`WebhookProcessor`). Unknown types are stored and acknowledged.
 */
export function stripeWebhookRoute(
  app: Express,
  options: {
    db: DataSource;
    stripe: StripePaymentProvider | null;
    wake: () => void;
    log: Logger;
    /** The Connect endpoint's signing secret: connected accounts' events (account.updated) come signed with it. */
    connectWebhookSecret?: string;
  },
): void {
  app.post(STRIPE_WEBHOOK_PATH, express.raw({ type: () => true, limit: "1mb" }), async (req, res) => {
    if (!options.stripe) {
      res.status(404).json({ error: "Stripe is not configured on this platform" });
      return;
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let event;
    const signature = req.header("stripe-signature") ?? undefined;
    try {
      try {
        event = options.stripe.verifyWebhook(body, signature);
      } catch (error) {
        // Stripe signs the Connect endpoint's deliveries with that endpoint's own secret.
        if (!(error instanceof WebhookSignatureError) || !options.connectWebhookSecret) throw error;
        event = verifyStripeWebhook(options.stripe.stripe, body, signature, options.connectWebhookSecret);
      }
    } catch (error) {
      if (error instanceof WebhookSignatureError) {
        options.log.warn({ reason: error.message }, "Stripe webhook refused: bad signature");
        res.status(400).json({ error: "Invalid signature" });
        return;
      }
      throw error;
    }
    await options.db.query(
      `INSERT INTO orders.webhook_events (id, type, payload) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
      [event.id, event.type, JSON.stringify(event)],
    );
    res.status(200).json({ received: true });
    options.wake();
  });
}
