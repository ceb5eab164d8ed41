import { envInt, envOptional, envString } from "@pawgraph/subgraph-kit";
import { OfflinePaymentProvider } from "./offline-payment-provider";
import type { PaymentProvider } from "./payment-provider";
import { StripePaymentProvider, type StripeSettings } from "./stripe-payment-provider";

/**
 * Stripe when STRIPE_SECRET_KEY is set (then its publishable key and webhook secret are required:
 * a half-configured Stripe fails at start, not at the first checkout), else offline payment.
 * STRIPE_API_BASE points the client at a stand-in (e.g. http://127.0.0.1:12111).
 */
export function paymentProviderFromEnv(): PaymentProvider {
  const secretKey = envOptional("STRIPE_SECRET_KEY");
  if (secretKey === undefined) return new OfflinePaymentProvider();
  return new StripePaymentProvider(stripeSettingsFromEnv(secretKey));
}

export function stripeSettingsFromEnv(secretKey: string): StripeSettings {
  const required = (name: string): string => {
    try {
      return envString(name);
    } catch {
      throw new Error(
        `STRIPE_SECRET_KEY is set, so ${name} is required too (or unset STRIPE_SECRET_KEY for offline payment)`,
      );
    }
  };
  return {
    secretKey,
    /** Stripe's publishable key, given to apps with each payment (required with `STRIPE_SECRET_KEY`). */
    publishableKey: required("STRIPE_PUBLISHABLE_KEY"),
    /** Signing secret of the Stripe webhook endpoint (required with `STRIPE_SECRET_KEY`). */
    webhookSecret: required("STRIPE_WEBHOOK_SECRET"),
    timeoutMs: envInt("STRIPE_TIMEOUT_MS", 10_000),
    maxNetworkRetries: envInt("STRIPE_MAX_NETWORK_RETRIES", 2),
    ...apiBaseOf(envOptional("STRIPE_API_BASE")),
  };
}

function apiBaseOf(raw: string | undefined): Pick<StripeSettings, "apiHost" | "apiPort" | "apiProtocol"> {
  if (raw === undefined) return {};
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`STRIPE_API_BASE must be a URL like http://127.0.0.1:12111, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Error(`STRIPE_API_BASE must use http or https, got "${raw}"`);
  if (url.pathname !== "/" || url.search !== "" || url.username !== "")
    throw new Error(`STRIPE_API_BASE is a scheme, host and port only, got "${raw}"`);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return {
    apiHost: url.hostname,
    apiPort: url.port === "" ? (protocol === "http" ? 80 : 443) : Number(url.port),
    apiProtocol: protocol,
  };
}
