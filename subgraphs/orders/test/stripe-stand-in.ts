import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import type { StripeSettings } from "../src/payment/stripe-payment-provider";
import { StripeConnectStandIn } from "./stripe-connect-stand-in";
import {
  errorReply,
  existing,
  header,
  id,
  invalid,
  notFound,
  now,
  ok,
  parseForm,
  positiveInteger,
  StripeHttpError,
  stringRecord,
  type Json,
  type Reply,
} from "./stripe-wire";

/**
 * A local stand-in for the part of Stripe's API the orders adapter uses, speaking Stripe's wire
 * protocol (form-encoded bodies, Bearer auth, Idempotency-Key replay, Stripe's error JSON), so the
 * real stripe-node client runs against it. Stripe itself cannot be reached from CI; stripe-mock is
 * not on npm and answers fixtures without state, which cannot show idempotency or refund limits.
 */

export interface StandInPaymentIntent extends Json {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_received: number;
  currency: string;
  status: string;
  client_secret: string;
  metadata: Record<string, string>;
  transfer_group: string | null;
  latest_charge: string | null;
  last_payment_error: Json | null;
  customer: string | null;
  payment_method: string | null;
  setup_future_usage: string | null;
}

export interface StandInCustomer extends Json {
  id: string;
  object: "customer";
  metadata: Record<string, string>;
}

/** How the next off-session charge fails, as Stripe answers it (HTTP 402 card_error). */
export type OffSessionFailure = "card_declined" | "authentication_required";

const OFF_SESSION_ERRORS: Record<OffSessionFailure, Json> = {
  card_declined: {
    type: "card_error",
    code: "card_declined",
    decline_code: "insufficient_funds",
    message: "Your card has insufficient funds.",
  },
  authentication_required: {
    type: "card_error",
    code: "authentication_required",
    decline_code: "authentication_required",
    message: "Your card was declined. This transaction requires authentication.",
  },
};

export interface StandInRefund extends Json {
  id: string;
  object: "refund";
  amount: number;
  currency: string;
  status: string;
  payment_intent: string;
  charge: string | null;
  metadata: Record<string, string>;
  failure_reason: string | null;
}

export interface LoggedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  replayed: boolean;
  status: number;
  body: Json;
}

const CANCELABLE = new Set(["requires_payment_method", "requires_confirmation", "requires_action", "processing"]);

export class StripeStandIn {
  readonly requests: LoggedRequest[] = [];
  readonly paymentIntents = new Map<string, StandInPaymentIntent>();
  readonly refunds = new Map<string, StandInRefund>();
  readonly customers = new Map<string, StandInCustomer>();
  /** Saved payment methods: payment method id → the customer it is attached to. */
  readonly savedMethods = new Map<string, string>();
  private readonly offSessionFailures: OffSessionFailure[] = [];
  /** Connect: accounts, account links, transfers, reversals and charges (stripe-connect-stand-in.ts). */
  readonly connect = new StripeConnectStandIn(() => this.paymentIntents.values());
  private readonly idempotency = new Map<string, { fingerprint: string; reply: Reply }>();
  private refundOutcome: "succeeded" | "pending" | "failed" = "succeeded";
  private failures: { remaining: number; status: number } = { remaining: 0, status: 500 };
  private delayMs = 0;
  private readonly delays = new Set<NodeJS.Timeout>();
  private server: Server | null = null;
  private port: number | null = null;

  constructor(
    readonly secretKey = "sk_test_standin",
    readonly publishableKey = "pk_test_standin",
  ) {}

  async start(): Promise<{ url: string; host: string; port: number }> {
    const server = createServer((request, response) => void this.handle(request, response));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    this.port = port;
    return { url: `http://127.0.0.1:${port}`, host: "127.0.0.1", port };
  }

  /** orders' Stripe settings pointed at this started stand-in: the real SDK, over HTTP on loopback. */
  settings(webhookSecret: string, overrides: Partial<StripeSettings> = {}): StripeSettings {
    if (this.port === null) throw new Error("start the Stripe stand-in before asking for its settings");
    return {
      secretKey: this.secretKey,
      publishableKey: this.publishableKey,
      webhookSecret,
      apiHost: "127.0.0.1",
      apiPort: this.port,
      apiProtocol: "http",
      timeoutMs: 5_000,
      maxNetworkRetries: 1,
      ...overrides,
    };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const timer of this.delays) clearTimeout(timer);
    this.delays.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next off-session charges fail in these ways, in order (one failure per charge). */
  failNextOffSessionCharges(...failures: OffSessionFailure[]): void {
    this.offSessionFailures.push(...failures);
  }

  /** Off-session charges Stripe executed (idempotent replays left out). */
  offSessionCharges(): LoggedRequest[] {
    return this.requests.filter(
      (r) => r.method === "POST" && r.path === "/v1/payment_intents" && r.body.off_session === "true" && !r.replayed,
    );
  }

  /**
   * The buyer confirmed and the charge went through. A PaymentIntent made with
   * `setup_future_usage` leaves its payment method attached to its customer, as Stripe does.
   */
  succeed(piId: string): StandInPaymentIntent {
    const intent = this.intent(piId);
    if (intent.setup_future_usage && intent.customer && !intent.payment_method) {
      const method = id("pm");
      this.savedMethods.set(method, intent.customer);
      intent.payment_method = method;
    }
    Object.assign(intent, {
      status: "succeeded",
      amount_received: intent.amount,
      latest_charge: id("ch"),
      last_payment_error: null,
    });
    return intent;
  }

  /**
   * Stripe.js's `confirmPayment` from the buyer's page (`POST /v1/payment_intents/:id/confirm` with `key`,
   * `client_secret` and `payment_method_data`): Stripe's test cards decide, 4000 0000 0000 0002 declined
   * (402 with the intent back at requires_payment_method), any other number succeeded.
   */
  private confirmFromBrowser(piId: string, body: Json): Reply {
    const intent = this.paymentIntents.get(piId);
    if (!intent || body.client_secret !== intent.client_secret)
      return errorReply(404, {
        type: "invalid_request_error",
        code: "resource_missing",
        message: `No such payment_intent: '${piId}'`,
      });
    const card = (body.payment_method_data as Json | undefined)?.card as Json | undefined;
    const number = String(card?.number ?? "").replace(/\s/g, "");
    if (number === "4000000000000002") {
      const declined = this.fail(piId);
      return errorReply(402, { ...declined.last_payment_error, payment_intent: declined });
    }
    return ok(this.succeed(piId));
  }

  /** An asynchronous method (SEPA, bank debit) is on its way. */
  process(piId: string): StandInPaymentIntent {
    return Object.assign(this.intent(piId), { status: "processing" });
  }

  /** The card was declined: Stripe returns the intent to requires_payment_method so the buyer may retry. */
  fail(piId: string): StandInPaymentIntent {
    return Object.assign(this.intent(piId), {
      status: "requires_payment_method",
      latest_charge: id("ch"),
      last_payment_error: {
        type: "card_error",
        code: "card_declined",
        decline_code: "generic_decline",
        message: "Your card was declined.",
      },
    });
  }

  setRefundOutcome(outcome: "succeeded" | "pending" | "failed"): void {
    this.refundOutcome = outcome;
  }

  /** The next `n` requests answer `status` with Stripe's api_error body, before any processing. */
  failNextRequests(n: number, status = 500): void {
    this.failures = { remaining: n, status };
  }

  /** Every request waits this long before it is answered (timeouts). */
  delayResponses(ms: number): void {
    this.delayMs = ms;
  }

  /** A Stripe event as its webhooks deliver it. */
  eventFor(type: string, object: Json): Json {
    return {
      id: id("evt"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: now(),
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
  }

  /** The Stripe-Signature header Stripe would send for `payload`, made by stripe-node itself. */
  signedHeader(payload: string, secret: string, timestamp = now()): string {
    return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
  }

  private intent(piId: string): StandInPaymentIntent {
    const intent = this.paymentIntents.get(piId);
    if (!intent) throw new Error(`The stand-in has no PaymentIntent ${piId}`);
    return intent;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = parseForm(Buffer.concat(chunks).toString("utf8"));
    const method = request.method ?? "GET";
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    const key = header(request, "idempotency-key");
    const log: LoggedRequest = { method, path, idempotencyKey: key, replayed: false, status: 0, body };
    this.requests.push(log);
    if (this.delayMs > 0) {
      // Held timers would keep Jest alive after stop(); a delayed request is simply never answered.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.delays.delete(timer);
          resolve();
        }, this.delayMs);
        this.delays.add(timer);
      });
    }
    if (response.destroyed || this.server === null) return;

    let reply: Reply;
    const extraHeaders: Record<string, string> = {};
    const browserConfirm = /^\/v1\/payment_intents\/[^/]+\/confirm$/.test(path) && body.key !== undefined;
    if (browserConfirm) {
      // What Stripe.js sends from the buyer's page: the publishable key and the intent's client secret, no secret key.
      reply =
        body.key === this.publishableKey
          ? this.confirmFromBrowser(path.split("/")[3]!, body)
          : errorReply(401, { type: "invalid_request_error", message: "Invalid API Key provided: pk_****" });
      extraHeaders["Access-Control-Allow-Origin"] = "*";
    } else if (header(request, "authorization") !== `Bearer ${this.secretKey}`) {
      reply = errorReply(401, {
        type: "invalid_request_error",
        message: "Invalid API Key provided: sk_****",
      });
    } else if (this.failures.remaining > 0) {
      this.failures.remaining -= 1;
      reply = errorReply(this.failures.status, {
        type: "api_error",
        message: "An unknown error occurred",
      });
    } else if (method === "POST" && key !== null) {
      const fingerprint = JSON.stringify([method, path, body]);
      const stored = this.idempotency.get(key);
      if (stored && stored.fingerprint !== fingerprint) {
        reply = errorReply(400, {
          type: "idempotency_error",
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        });
      } else if (stored) {
        reply = stored.reply;
        log.replayed = true;
        extraHeaders["Idempotent-Replayed"] = "true";
      } else {
        reply = this.route(method, path, body);
        // Stripe saves a result once the endpoint started executing (successes and card declines); a
        // request refused by validation or a 5xx saves nothing, so fixing it and retrying works.
        if (reply.status < 400 || reply.status === 402) this.idempotency.set(key, { fingerprint, reply });
      }
      extraHeaders["Idempotency-Key"] = key;
    } else {
      reply = this.route(method, path, body);
    }
    log.status = reply.status;
    response.writeHead(reply.status, {
      "Content-Type": "application/json",
      "Request-Id": id("req"),
      ...extraHeaders,
    });
    response.end(JSON.stringify(reply.body));
  }

  private route(method: string, path: string, body: Json): Reply {
    try {
      const segments = path.split("/").filter(Boolean);
      if (segments[0] !== "v1") throw notFound(path);
      const [, resource, objectId, action] = segments;
      if (resource === "payment_intents") {
        if (method === "POST" && objectId === undefined) return ok(this.createIntent(body));
        if (method === "GET" && objectId !== undefined && action === undefined)
          return ok(existing(this.paymentIntents, objectId, "payment_intent"));
        if (method === "POST" && objectId !== undefined && action === "cancel") return ok(this.cancel(objectId));
      }
      if (resource === "customers") {
        if (method === "POST" && objectId === undefined) return ok(this.createCustomer(body));
        if (method === "GET" && objectId !== undefined && action === undefined)
          return ok(existing(this.customers, objectId, "customer"));
      }
      if (resource === "refunds") {
        if (method === "POST" && objectId === undefined) return ok(this.createRefund(body));
        if (method === "GET" && objectId !== undefined && action === undefined)
          return ok(existing(this.refunds, objectId, "refund"));
      }
      const connect = this.connect.route(method, segments, body);
      if (connect) return connect;
      throw notFound(path);
    } catch (error) {
      if (error instanceof StripeHttpError) return errorReply(error.status, error.error);
      throw error;
    }
  }

  private createCustomer(body: Json): StandInCustomer {
    const customer: StandInCustomer = {
      id: id("cus"),
      object: "customer",
      created: now(),
      livemode: false,
      metadata: stringRecord(body.metadata),
    };
    this.customers.set(customer.id, customer);
    return customer;
  }

  /**
   * `confirm=true&off_session=true` with a saved payment method: Stripe charges at once, or answers
   * 402 with the card error and the PaymentIntent (left in requires_payment_method) inside it.
   */
  private confirmOffSession(intent: StandInPaymentIntent): StandInPaymentIntent {
    const method = intent.payment_method;
    if (!method || this.savedMethods.get(method) !== intent.customer)
      throw new StripeHttpError(400, {
        type: "invalid_request_error",
        code: "resource_missing",
        param: "payment_method",
        message: `No such PaymentMethod: '${method}' attached to customer '${intent.customer}'`,
      });
    const failure = this.offSessionFailures.shift();
    if (failure) {
      const error = OFF_SESSION_ERRORS[failure];
      Object.assign(intent, { status: "requires_payment_method", latest_charge: id("ch"), last_payment_error: error });
      throw new StripeHttpError(402, { ...error, payment_intent: { ...intent } });
    }
    return Object.assign(intent, {
      status: "succeeded",
      amount_received: intent.amount,
      latest_charge: id("ch"),
    });
  }

  private createIntent(body: Json): StandInPaymentIntent {
    const amount = positiveInteger(body.amount, "amount");
    const currency = typeof body.currency === "string" ? body.currency : "";
    if (!/^[a-z]{3}$/.test(currency)) throw invalid("currency", `Invalid currency: ${currency}`);
    const piId = id("pi");
    const intent: StandInPaymentIntent = {
      id: piId,
      object: "payment_intent",
      amount,
      amount_capturable: 0,
      amount_received: 0,
      automatic_payment_methods: body.automatic_payment_methods ?? null,
      client_secret: `${piId}_secret_${randomBytes(12).toString("hex")}`,
      created: now(),
      currency,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: stringRecord(body.metadata),
      status: "requires_payment_method",
      transfer_group: typeof body.transfer_group === "string" ? body.transfer_group : null,
      customer: typeof body.customer === "string" ? body.customer : null,
      payment_method: typeof body.payment_method === "string" ? body.payment_method : null,
      setup_future_usage: typeof body.setup_future_usage === "string" ? body.setup_future_usage : null,
    };
    if (intent.customer !== null) existing(this.customers, intent.customer, "customer");
    this.paymentIntents.set(piId, intent);
    if (body.confirm === "true" && body.off_session === "true") return this.confirmOffSession(intent);
    return intent;
  }

  private cancel(piId: string): StandInPaymentIntent {
    const intent = existing(this.paymentIntents, piId, "payment_intent");
    if (!CANCELABLE.has(intent.status))
      throw new StripeHttpError(400, {
        type: "invalid_request_error",
        code: "payment_intent_unexpected_state",
        message: `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
      });
    return Object.assign(intent, { status: "canceled", canceled_at: now() });
  }

  private createRefund(body: Json): StandInRefund {
    const piId = typeof body.payment_intent === "string" ? body.payment_intent : "";
    const intent = existing(this.paymentIntents, piId, "payment_intent");
    if (intent.status !== "succeeded" || intent.latest_charge === null)
      throw new StripeHttpError(400, {
        type: "invalid_request_error",
        code: "charge_not_refundable",
        message: `This PaymentIntent (${piId}) does not have a successful charge to refund.`,
      });
    const refunded = [...this.refunds.values()]
      .filter((refund) => refund.payment_intent === piId && refund.status !== "failed")
      .reduce((sum, refund) => sum + refund.amount, 0);
    const remaining = intent.amount_received - refunded;
    const amount = body.amount === undefined ? remaining : positiveInteger(body.amount, "amount");
    if (amount > remaining)
      throw new StripeHttpError(400, {
        type: "invalid_request_error",
        code: remaining === 0 ? "charge_already_refunded" : "amount_too_large",
        param: "amount",
        message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
      });
    const refund: StandInRefund = {
      id: id("re"),
      object: "refund",
      amount,
      charge: intent.latest_charge,
      created: now(),
      currency: intent.currency,
      failure_reason: this.refundOutcome === "failed" ? "unknown" : null,
      metadata: stringRecord(body.metadata),
      payment_intent: piId,
      reason: null,
      status: this.refundOutcome,
    };
    this.refunds.set(refund.id, refund);
    return refund;
  }
}
