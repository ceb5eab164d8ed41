import {
  AccessTokenVerifier,
  RevocationList,
  revocationSettingsFromEnv,
  type RevocationSettings,
  startOutboxRelay,
  startEventConsumers,
  SubgraphClient,
  createLogger,
  databaseUrlFor,
  envBool,
  envInt,
  envOptional,
  envString,
  isProduction,
  openRealtimePubSub,
  gatewaySecretFromEnv,
  startSubgraphServer,
  stopSubgraph,
  ResolverContainer,
  type GatewaySecretSettings,
  type Logger,
  type RunningSubgraph,
} from "@pawgraph/subgraph-kit";
// The schema first: it fixes the order resolver modules load in, which orders the emitted SDL.
import { buildOrdersSchema } from "./schema";
import { PERSONAL_DATA } from "./personal-data";
import { CatalogClient } from "./catalog/catalog.client";
import { CartRepository } from "./cart/cart.repository";
import { CartResolver } from "./cart/cart.resolver";
import { CartService } from "./cart/cart.service";
import { createOrdersContext } from "./context";
import { openOrdersDatabase } from "./data-source";
import { SettingsRepository } from "./settings/settings.repository";
import { CheckoutResolver } from "./checkout/checkout.resolver";
import { CheckoutService } from "./checkout/checkout.service";
import { PrescriptionChecker } from "./checkout/prescriptions";
import { PetOwnership } from "./shared/pet-ownership";
import { OrderRepository } from "./order/order.repository";
import { OrderResolver } from "./order/order.resolver";
import { OrderService } from "./order/order.service";
import { paymentProviderFromEnv } from "./payment/payment-provider-from-env";
import type { PaymentProvider } from "./payment/payment-provider";
import { PaymentResolver } from "./payment/payment.resolver";
import { PaymentService } from "./payment/payment.service";
import { StripePaymentProvider } from "./payment/stripe-payment-provider";
import { stripeWebhookRoute } from "./payment/stripe-webhook.route";
import { WebhookProcessor, type WebhookProcessorSettings } from "./payment/webhook-processor";
import { SettingsAdminRepository } from "./settings/settings-admin.repository";
import { PlatformSettingsService } from "./settings/platform-settings.service";
import { PlatformSettingsResolver } from "./settings/platform-settings.resolver";
import { CouponService } from "./settings/coupon.service";
import { CouponResolver } from "./settings/coupon.resolver";
import { ShippingMethodService } from "./settings/shipping-method.service";
import { ShippingMethodResolver } from "./settings/shipping-method.resolver";
import { CancellationService } from "./fulfilment/cancellation.service";
import { FulfilmentResolver } from "./fulfilment/fulfilment.resolver";
import { FulfilmentService } from "./fulfilment/fulfilment.service";
import { OrderSubscriptions } from "./order/order.subscriptions";
import { OrdersRealtime, type RealtimeTopics } from "./realtime/realtime";
import { RefundRepository } from "./refund/refund.repository";
import { RefundResolver } from "./refund/refund.resolver";
import { RefundService } from "./refund/refund.service";
import { carePlanSettingsFromEnv, wireCarePlans } from "./care-plan/care-plan.module";
import type { CarePlanSettings } from "./care-plan/care-plan.scheduler";
import { ClinicServices } from "./wellness/clinic-services.client";
import { WellnessOfferRepository } from "./wellness/wellness-offer.repository";
import { WellnessOfferResolver } from "./wellness/wellness-offer.resolver";
import { WellnessOfferService } from "./wellness/wellness-offer.service";
import { WellnessEnrolment } from "./wellness/wellness-enrolment";
import { WellnessCoverageRepository } from "./wellness/wellness-coverage.repository";
import { consumeBookingsForCoverage } from "./wellness/wellness-coverage.consumer";
import { BookingCoverageResolver, WellnessPlanResolver } from "./wellness/wellness-plan.resolver";
import { PayoutLedger } from "./payout/payout-ledger";
import { ManualPayoutProvider, type PayoutProvider } from "./payout/payout-provider";
import { PayoutRepository } from "./payout/payout.repository";
import { PayoutResolver } from "./payout/payout.resolver";
import { PayoutService } from "./payout/payout.service";
import { StripePayoutProvider } from "./payout/stripe-payout-provider";
import { TransferQueue, type TransferQueueSettings } from "./payout/transfer-queue";

export interface OrdersConfig {
  port: number;
  databaseUrl: string;
  jwksUrl: string;
  /** identity's revocation log, polled so revoked tokens stop within seconds (env `IDENTITY_URL`, `REVOCATION_POLL_MS`). */
  revocations: RevocationSettings;
  /** Shared with the gateway and the other subgraphs: required of incoming calls, sent on outgoing ones. */
  gatewaySecret: GatewaySecretSettings;
  /** catalog's GraphQL URL: live variant facts and the internal stock API. */
  catalogUrl: string;
  /** ehr's GraphQL URL: prescriptions, asked with the buyer's token at checkout. */
  ehrUrl: string;
  /** pets' GraphQL URL: whether the buyer owns the pet a prescription-only line is for. */
  petsUrl: string;
  /** bookings' GraphQL URL: a clinic's services, which its wellness plans may cover. */
  bookingsUrl: string;
  /** Stripe when STRIPE_SECRET_KEY is set, else offline ("pay at the clinic / on delivery"). */
  payments: () => PaymentProvider;
  /** Stripe's stored webhook events: how often the queue is looked at, and the longest retry wait (env `WEBHOOK_POLL_MS`, `WEBHOOK_MAX_BACKOFF_MS`). */
  webhooks: WebhookProcessorSettings;
  redisUrl?: string;
  /** How long after placing an order its buyer may cancel it alone (env `ORDER_CANCEL_WINDOW_MINUTES`). */
  cancelWindowMinutes: number;
  relayEnabled: boolean;
  /** Consume other subgraphs' events (bookings', which wellness plans cover); on by default (env `EVENT_CONSUMERS_ENABLED`). */
  consumeEvents: boolean;
  /** Care plans: the scheduler's loop, clock, reminders and dunning (see the README's Care plans section). */
  carePlans: CarePlanSettings;
  /** Vendor payouts (docs/decisions/0039): onboarding return/refresh URLs and the transfer queue's pace. */
  payouts: PayoutSettings;
  log: Logger;
}

export interface PayoutSettings extends TransferQueueSettings {
  /** Stripe Connect transfers when payments go through Stripe (env `PAYOUTS_STRIPE_CONNECT`, default true); else manual. */
  stripeConnect: boolean;
  /** Where Stripe sends a vendor's admin after onboarding (env `PAYOUT_ONBOARDING_RETURN_URL`; required in production). */
  returnUrl: string;
  /** Where Stripe sends them when the link expired: the app asks for a new one (env `PAYOUT_ONBOARDING_REFRESH_URL`; required in production). */
  refreshUrl: string;
  /** The Connect webhook endpoint's signing secret, for connected accounts' events (env `STRIPE_CONNECT_WEBHOOK_SECRET`). */
  connectWebhookSecret?: string;
}

export function ordersConfigFromEnv(): OrdersConfig {
  return {
    /** Listening port (env `PORT`, else `ORDERS_PORT`; 4006). */
    port: envInt("PORT", envInt("ORDERS_PORT", 4006)),
    databaseUrl: databaseUrlFor("orders"),
    jwksUrl: envString("IDENTITY_JWKS_URL", "http://localhost:4001/.well-known/jwks.json"),
    revocations: revocationSettingsFromEnv(),
    gatewaySecret: gatewaySecretFromEnv(),
    catalogUrl: envString("CATALOG_URL", "http://localhost:4005/graphql"),
    ehrUrl: envString("EHR_URL", "http://localhost:4003/graphql"),
    petsUrl: envString("PETS_URL", "http://localhost:4002/graphql"),
    bookingsUrl: envString("BOOKINGS_URL", "http://localhost:4004/graphql"),
    payments: paymentProviderFromEnv,
    webhooks: { pollMs: envInt("WEBHOOK_POLL_MS", 5_000), maxBackoffMs: envInt("WEBHOOK_MAX_BACKOFF_MS", 300_000) },
    /** Redis (env `REDIS_URL`) for the event streams and, where the subgraph has them, subscription fan-out and rate limits; unset, events go through Postgres. */
    redisUrl: envOptional("REDIS_URL"),
    cancelWindowMinutes: envInt("ORDER_CANCEL_WINDOW_MINUTES", 60),
    relayEnabled: envBool("OUTBOX_RELAY_ENABLED", true),
    consumeEvents: envBool("EVENT_CONSUMERS_ENABLED", true),
    carePlans: carePlanSettingsFromEnv(),
    payouts: {
      stripeConnect: envBool("PAYOUTS_STRIPE_CONNECT", true),
      returnUrl: envString(
        "PAYOUT_ONBOARDING_RETURN_URL",
        isProduction() ? undefined : "http://localhost:3000/vendor/payouts?onboarding=done",
      ),
      refreshUrl: envString(
        "PAYOUT_ONBOARDING_REFRESH_URL",
        isProduction() ? undefined : "http://localhost:3000/vendor/payouts?onboarding=refresh",
      ),
      pollMs: envInt("PAYOUT_POLL_MS", 5_000),
      maxBackoffMs: envInt("PAYOUT_MAX_BACKOFF_MS", 300_000),
      maxAttempts: envInt("PAYOUT_MAX_ATTEMPTS", 8),
      connectWebhookSecret: envOptional("STRIPE_CONNECT_WEBHOOK_SECRET"),
    },
    log: createLogger("orders"),
  };
}

/**
 * Composition root: config → database → repositories → services → resolvers → server. The one place
 * that knows every class: each gets its collaborators here, by constructor (docs/decisions/0028).
 */
export async function startOrders(config: OrdersConfig): Promise<RunningSubgraph> {
  const { dataSource: db, sql } = await openOrdersDatabase(config.databaseUrl, config.log);
  const catalog = new CatalogClient(new SubgraphClient("catalog", config.catalogUrl, config.gatewaySecret.secret));
  const client = (name: string, url: string) => new SubgraphClient(name, url, config.gatewaySecret.secret);
  const repositories = {
    carts: new CartRepository(db),
    settings: new SettingsRepository(db),
    orders: new OrderRepository(db),
    settingsAdmin: new SettingsAdminRepository(db),
    wellnessOffers: new WellnessOfferRepository(db),
    coverage: new WellnessCoverageRepository(db),
  };
  const provider = config.payments();
  // Payouts use the payment adapter's Stripe client when there is one; without it, settled manually.
  const payoutProvider: PayoutProvider =
    provider instanceof StripePaymentProvider && config.payouts.stripeConnect
      ? new StripePayoutProvider(provider.stripe)
      : new ManualPayoutProvider();
  const transfers = new TransferQueue(db, payoutProvider, config.payouts, config.log);
  const ledger = new PayoutLedger(payoutProvider, () => transfers.wake());
  const payouts = new PayoutService(
    new PayoutRepository(db),
    payoutProvider,
    { returnUrl: config.payouts.returnUrl, refreshUrl: config.payouts.refreshUrl },
    () => transfers.wake(),
    config.log,
  );
  const pets = new PetOwnership(client("pets", config.petsUrl));
  const carts = new CartService(db, repositories.carts, repositories.settings, catalog, pets);
  const orders = new OrderService(repositories.orders);
  const live = openRealtimePubSub<RealtimeTopics>({ redisUrl: config.redisUrl, log: config.log });
  const realtime = new OrdersRealtime(live.pubSub);
  const refunds = new RefundService(
    db,
    repositories.orders,
    new RefundRepository(db),
    provider,
    catalog,
    realtime,
    config.log,
    ledger,
  );
  const payments = new PaymentService(db, repositories.orders, provider, catalog, refunds, realtime, config.log);
  const fulfilment = new FulfilmentService(db, repositories.orders, catalog, realtime, config.log, ledger);
  const cancellation = new CancellationService(
    db,
    repositories.orders,
    refunds,
    catalog,
    provider,
    realtime,
    config.log,
    config.cancelWindowMinutes,
  );
  const checkout = new CheckoutService(
    db,
    carts,
    repositories.orders,
    repositories.settings,
    catalog,
    new PrescriptionChecker(pets, client("ehr", config.ehrUrl)),
    () => provider.name,
  );
  const carePlans = wireCarePlans({
    db,
    settings: config.carePlans,
    carts: repositories.carts,
    cartService: carts,
    settingsRepository: repositories.settings,
    orders: repositories.orders,
    checkout,
    payments,
    catalog,
    pets,
    ehr: client("ehr", config.ehrUrl),
    wellness: new WellnessEnrolment(repositories.wellnessOffers),
    log: config.log,
  });
  const webhooks = new WebhookProcessor(db, payments, refunds, config.webhooks, config.log, payouts);
  const resolvers = new ResolverContainer([
    new CartResolver(carts),
    new CheckoutResolver(checkout, orders, payments, config.log),
    new OrderResolver(orders),
    new PaymentResolver(payments, orders),
    new PlatformSettingsResolver(new PlatformSettingsService(repositories.settingsAdmin)),
    new CouponResolver(new CouponService(repositories.settingsAdmin, repositories.settings)),
    new ShippingMethodResolver(new ShippingMethodService(repositories.settingsAdmin, repositories.settings)),
    new FulfilmentResolver(fulfilment, cancellation, orders),
    new RefundResolver(refunds),
    new OrderSubscriptions(orders, realtime),
    carePlans.resolver(orders),
    new WellnessOfferResolver(
      new WellnessOfferService(
        repositories.wellnessOffers,
        catalog,
        new ClinicServices(client("bookings", config.bookingsUrl)),
      ),
    ),
    new WellnessPlanResolver(),
    new BookingCoverageResolver(),
    new PayoutResolver(payouts),
  ]);
  const running = await startSubgraphServer(
    {
      name: "orders",
      schema: await buildOrdersSchema(resolvers),
      log: config.log,
      verifier: AccessTokenVerifier.fromJwksUrl(
        config.jwksUrl,
        RevocationList.overHttp(config.revocations, config.log),
        config.log,
      ),
      gatewaySecret: config.gatewaySecret,
      createContext: (base) =>
        createOrdersContext(base, {
          orders: repositories.orders,
          wellnessOffers: repositories.wellnessOffers,
          coverage: repositories.coverage,
          today: () => config.carePlans.clock().toISOString().slice(0, 10),
        }),
      ready: async () => {
        await db.query("SELECT 1");
      },
      routes: (app) =>
        stripeWebhookRoute(app, {
          db,
          stripe: provider instanceof StripePaymentProvider ? provider : null,
          wake: () => webhooks.wake(),
          log: config.log,
          connectWebhookSecret: config.payouts.connectWebhookSecret,
        }),
      subscriptions: true,
    },
    config.port,
  );
  const relay = await startOutboxRelay({
    dataSource: db,
    schema: "orders",
    redisUrl: config.redisUrl,
    enabled: config.relayEnabled,
    log: config.log,
  });
  const consumers = await startEventConsumers({
    databaseUrl: config.databaseUrl,
    schema: "orders",
    redisUrl: config.redisUrl,
    enabled: config.consumeEvents,
    log: config.log,
    subscribe: (bus, events) => consumeBookingsForCoverage(bus, events, new WellnessCoverageRepository(events)),
    privacy: { registry: PERSONAL_DATA, beforeErasure: carePlans.cancelPlansOf },
  });
  webhooks.start();
  carePlans.scheduler.start();
  transfers.start();
  return {
    ...running,
    name: "orders",
    sql,
    stop: () =>
      stopSubgraph(running, config.log, [
        ["event consumers", () => consumers.stop()],
        ["webhook queue", () => webhooks.stop()],
        ["care plan scheduler", () => carePlans.scheduler.stop()],
        ["transfer queue", () => transfers.stop()],
        ["outbox relay", () => relay.stop()],
        ["realtime pub/sub", () => live.close()],
        ["database pool", () => db.destroy()],
      ]),
  };
}
