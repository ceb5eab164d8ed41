import * as oidc from "openid-client";
import { envOptional } from "@pawgraph/subgraph-kit";

/** The OpenID providers people may sign in with; the GraphQL enum `SocialProvider`. */
export const SOCIAL_PROVIDERS = ["GOOGLE", "APPLE"] as const;
export type SocialProviderName = (typeof SOCIAL_PROVIDERS)[number];

/** One configured provider: its issuer (discovery document), and Pawgraph's client there. */
export interface SocialProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export type SocialProviderConfig = Partial<Record<SocialProviderName, SocialProviderSettings>>;

const ISSUERS: Record<SocialProviderName, string> = {
  GOOGLE: "https://accounts.google.com",
  APPLE: "https://appleid.apple.com",
};

/**
 * From the environment: `GOOGLE_CLIENT_ID` / `GOOGLE_CLIENT_SECRET`, `APPLE_CLIENT_ID` /
 * `APPLE_CLIENT_SECRET` (Apple's client secret is a JWT the operator signs with their key); a provider
 * without both is not offered. `<PROVIDER>_ISSUER` points one at another issuer (a test provider).
 */
export function socialProvidersFromEnv(): SocialProviderConfig {
  const config: SocialProviderConfig = {};
  for (const name of SOCIAL_PROVIDERS) {
    /** `<PROVIDER>_CLIENT_ID` and `_CLIENT_SECRET` (GOOGLE, APPLE): the provider is offered only with both. */
    const clientId = envOptional(`${name}_CLIENT_ID`);
    /** `<PROVIDER>_CLIENT_SECRET`; Apple's is a JWT the operator signs with their key. */
    const clientSecret = envOptional(`${name}_CLIENT_SECRET`);
    if (clientId && clientSecret)
      /** `<PROVIDER>_ISSUER` points a provider at another OpenID Connect issuer (a test provider). */
      config[name] = { issuer: envOptional(`${name}_ISSUER`) ?? ISSUERS[name], clientId, clientSecret };
  }
  return config;
}

/**
 * openid-client's configuration per provider, from its discovery document, fetched once and kept
 * (a failed discovery is tried again on the next sign-in). Plain HTTP only for a loopback issuer.
 */
export class SocialProviders {
  private readonly discovered = new Map<SocialProviderName, Promise<oidc.Configuration>>();

  constructor(private readonly config: SocialProviderConfig) {}

  configured(name: SocialProviderName): boolean {
    return this.config[name] !== undefined;
  }

  async configuration(name: SocialProviderName): Promise<oidc.Configuration> {
    const settings = this.config[name];
    if (!settings) throw new Error(`social sign-in: ${name} is not configured`);
    let found = this.discovered.get(name);
    if (!found) {
      const issuer = new URL(settings.issuer);
      const loopback = issuer.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(issuer.hostname);
      found = oidc.discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
        // The ID token's signature is checked against the provider's keys too, not only TLS (which the
        // spec allows for the token endpoint): defence in depth, and the only check over loopback HTTP.
        execute: loopback
          ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks]
          : [oidc.enableNonRepudiationChecks],
        timeout: 5,
      });
      this.discovered.set(name, found);
      found.catch(() => this.discovered.delete(name));
    }
    return found;
  }
}
