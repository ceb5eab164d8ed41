import {
  envBool,
  envInt,
  envString,
  isProduction,
  type Logger,
  type PersonalDataSubject,
  type SubgraphClient,
} from "@pawgraph/subgraph-kit";
import type { DataSource, EntityManager } from "typeorm";
import type { CatalogClient } from "../catalog/catalog.client";
import type { CartRepository } from "../cart/cart.repository";
import type { CartService } from "../cart/cart.service";
import type { CheckoutService } from "../checkout/checkout.service";
import type { OrderRepository } from "../order/order.repository";
import type { OrderService } from "../order/order.service";
import type { PaymentService } from "../payment/payment.service";
import type { SettingsRepository } from "../settings/settings.repository";
import type { PetOwnership } from "../shared/pet-ownership";
import { CarePlanBilling } from "./care-plan-billing";
import { cancelCarePlansOf } from "./care-plan-erasure";
import { CarePlanRefills } from "./care-plan-refills";
import { CarePlanRunner } from "./care-plan-runner";
import { CarePlanRepository } from "./care-plan.repository";
import { CarePlanResolver } from "./care-plan.resolver";
import { CarePlanScheduler, type CarePlanSettings } from "./care-plan.scheduler";
import { CarePlanService } from "./care-plan.service";
import type { WellnessEnrolment } from "../wellness/wellness-enrolment";

export function carePlanSettingsFromEnv(): CarePlanSettings {
  return {
    schedulerEnabled: envBool("CARE_PLAN_SCHEDULER_ENABLED", true),
    pollMs: envInt("CARE_PLAN_POLL_MS", 60_000),
    clock: () => new Date(),
    reminderDays: envInt("CARE_PLAN_REMINDER_DAYS", 3),
    pastDueGraceDays: envInt("CARE_PLAN_PAST_DUE_DAYS", 7),
    batchSize: envInt("CARE_PLAN_BATCH_SIZE", 200),
    /** Care plan runs placed at once by the scheduler. */
    concurrency: envInt("CARE_PLAN_CONCURRENCY", 4),
    /** The app page a care plan reminder email links to, to skip that run (`{planId}`, `{runOn}` filled in); required in production. */
    skipUrl: envString(
      "CARE_PLAN_SKIP_URL",
      isProduction() ? undefined : "https://app.pawgraph.test/care-plans/{planId}?skip={runOn}",
    ),
  };
}

/** The care plan part of orders' composition root: its classes built with orders' own services. */
export function wireCarePlans(deps: {
  db: DataSource;
  settings: CarePlanSettings;
  carts: CartRepository;
  cartService: CartService;
  settingsRepository: SettingsRepository;
  orders: OrderRepository;
  checkout: CheckoutService;
  payments: PaymentService;
  catalog: CatalogClient;
  pets: PetOwnership;
  ehr: SubgraphClient;
  wellness: WellnessEnrolment;
  log: Logger;
}) {
  const plans = new CarePlanRepository(deps.db);
  const runner = new CarePlanRunner(
    deps.db,
    deps.carts,
    deps.cartService,
    deps.checkout,
    deps.catalog,
    new CarePlanRefills(deps.ehr),
    deps.log,
  );
  const billing = new CarePlanBilling(deps.db, plans, deps.orders, deps.payments, deps.settings, deps.log);
  const service = new CarePlanService(
    deps.db,
    plans,
    deps.cartService,
    deps.carts,
    deps.settingsRepository,
    deps.catalog,
    deps.pets,
    runner,
    billing,
    deps.payments,
    deps.settings.clock,
    deps.wellness,
  );
  const scheduler = new CarePlanScheduler(deps.db, plans, deps.orders, runner, billing, deps.settings, deps.log);
  deps.settings.expose?.(scheduler);
  return {
    scheduler,
    resolver: (orders: OrderService) => new CarePlanResolver(service, orders),
    /** The erasure's first step (privacy requests): the person's plans end in the consumer's transaction. */
    cancelPlansOf: (manager: EntityManager, subject: PersonalDataSubject, erasedId: string) =>
      cancelCarePlansOf(manager, plans, subject, erasedId, deps.settings.clock()),
  };
}
