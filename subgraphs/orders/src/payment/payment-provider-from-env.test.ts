import { OfflinePaymentProvider } from "./offline-payment-provider";
import { paymentProviderFromEnv, stripeSettingsFromEnv } from "./payment-provider-from-env";
import { StripePaymentProvider } from "./stripe-payment-provider";

const VARS = ["STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE"] as const;
const saved = Object.fromEntries(VARS.map((name) => [name, process.env[name]]));

afterEach(() => {
  for (const name of VARS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

const setEnv = (values: Partial<Record<(typeof VARS)[number], string>>) => {
  for (const name of VARS) delete process.env[name];
  Object.assign(process.env, values);
};

describe("paymentProviderFromEnv", () => {
  it("is offline without a Stripe secret key", () => {
    setEnv({});
    expect(paymentProviderFromEnv()).toBeInstanceOf(OfflinePaymentProvider);
  });

  it("is Stripe with its keys, pointed at a stand-in by STRIPE_API_BASE", () => {
    setEnv({
      STRIPE_SECRET_KEY: "sk_test_1",
      STRIPE_PUBLISHABLE_KEY: "pk_test_1",
      STRIPE_WEBHOOK_SECRET: "whsec_1",
      STRIPE_API_BASE: "http://127.0.0.1:12111",
    });
    const provider = paymentProviderFromEnv();
    expect(provider).toBeInstanceOf(StripePaymentProvider);
    expect(provider.publishableKey).toBe("pk_test_1");
    expect(stripeSettingsFromEnv("sk_test_1")).toMatchObject({
      apiHost: "127.0.0.1",
      apiPort: 12111,
      apiProtocol: "http",
    });
  });

  it("fails fast naming the missing variable when Stripe is half configured", () => {
    setEnv({ STRIPE_SECRET_KEY: "sk_test_1", STRIPE_PUBLISHABLE_KEY: "pk_test_1" });
    expect(() => paymentProviderFromEnv()).toThrow(/STRIPE_WEBHOOK_SECRET is required/);
    setEnv({ STRIPE_SECRET_KEY: "sk_test_1", STRIPE_WEBHOOK_SECRET: "whsec_1" });
    expect(() => paymentProviderFromEnv()).toThrow(/STRIPE_PUBLISHABLE_KEY is required/);
  });

  it("refuses an API base that is not a plain http(s) origin", () => {
    setEnv({ STRIPE_SECRET_KEY: "sk", STRIPE_PUBLISHABLE_KEY: "pk", STRIPE_WEBHOOK_SECRET: "wh" });
    process.env.STRIPE_API_BASE = "127.0.0.1:12111";
    expect(() => paymentProviderFromEnv()).toThrow(/STRIPE_API_BASE/);
    process.env.STRIPE_API_BASE = "http://127.0.0.1:12111/v1";
    expect(() => paymentProviderFromEnv()).toThrow(/STRIPE_API_BASE/);
  });
});
