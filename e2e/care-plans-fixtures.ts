import { carePlanSettingsFromEnv, StripePaymentProvider, type CarePlanScheduler } from "@pawgraph/orders";
import {
  CreateCarePlanDocument,
  FinalizePaymentDocument,
  NotificationsDocument,
  type CreateCarePlanInput,
} from "../clients/__generated__/graphql";
import { StripeStandIn } from "../subgraphs/orders/test/stripe-stand-in";
import { createPet, registerUser } from "./fixtures";
import { execute, startStack, type Stack } from "./harness";
import { US_ADDRESS } from "./orders-fixtures";

const DAY_MS = 86_400_000;

/**
 * A stack for care plans: orders takes payments through a Stripe stand-in (or offline), its care plan scheduler
 * does not loop but is ticked by the test under a clock the test moves, and messaging consumes the
 * events (its own database and stream, so only this file's notifications are in the way).
 */
export async function carePlanStack(options: { offline?: boolean } = {}) {
  const stripe = new StripeStandIn();
  await stripe.start();
  let now = new Date();
  let scheduler: CarePlanScheduler | null = null;
  const stripeProvider = () =>
    new StripePaymentProvider(stripe.settings("whsec_test_pawgraph", { maxNetworkRetries: 0 }));
  const stack: Stack = await startStack({
    ownDatabase: true,
    messaging: { consumeEvents: true },
    orders: {
      // Offline: the stack's default provider (no Stripe settings in the test environment).
      ...(options.offline ? {} : { payments: stripeProvider }),
      carePlans: {
        ...carePlanSettingsFromEnv(),
        schedulerEnabled: false,
        clock: () => now,
        expose: (built) => (scheduler = built),
      },
    },
  });
  return {
    stack,
    stripe,
    /** The scheduler as a second instance would run it: ticks are explicit. */
    tick: () => scheduler!.tick(),
    now: () => now,
    /** Moves the scheduler's clock on (never back). */
    advance: (days: number) => {
      now = new Date(now.getTime() + days * DAY_MS);
    },
    stop: async () => {
      await stack.stop();
      await stripe.stop();
    },
  };
}

export type CarePlanStack = Awaited<ReturnType<typeof carePlanStack>>;

/** An owner with a pet, signed in. */
export async function ownerWithPet(stack: Stack, label = "plan-owner") {
  const owner = await registerUser(stack, label);
  const pet = await createPet(stack, owner.token, {});
  return { owner, petId: pet.id };
}

/** Creates a plan through the gateway; throws unless it was created. */
export async function createPlan(stack: Stack, token: string, input: CreateCarePlanInput) {
  const result = await execute(
    stack.gateway.url,
    CreateCarePlanDocument,
    { input: { shippingAddress: US_ADDRESS, ...input } },
    token,
  );
  const created = result.data?.createCarePlan;
  if (created?.__typename !== "CarePlanCreated") throw new Error(JSON.stringify(result.errors ?? created));
  return created;
}

/** The owner pays the plan's first order in the app (Stripe confirms it; the app reports it). */
export async function payFirstOrder(env: CarePlanStack, token: string, orderId: string) {
  const intent = [...env.stripe.paymentIntents.values()].find((pi) => pi.metadata.orderId === orderId)!;
  env.stripe.succeed(intent.id);
  const finalized = await execute(
    env.stack.gateway.url,
    FinalizePaymentDocument,
    { paymentIntentId: intent.id },
    token,
  );
  if (!finalized.data) throw new Error(JSON.stringify(finalized.errors));
  return intent;
}

export async function notificationsOf(stack: Stack, token: string) {
  const result = await execute(stack.gateway.url, NotificationsDocument, { first: 50 }, token);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.notifications!.edges.map((e) => e.node);
}
