import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { createInterface } from "node:readline";

/** A person at the test's OpenID provider, by subject (what they type as the login name there). */
export interface ProviderAccount {
  email: string;
  email_verified: boolean;
  name?: string;
}

/** The local OpenID provider (e2e/oidc-provider-stand-in.mjs) in its own process. */
export interface OidcStandIn {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  addAccounts(accounts: Record<string, ProviderAccount>): Promise<void>;
  faults(faults: { tamperIdToken?: boolean; swapNonce?: boolean }): Promise<void>;
  /** Signs `subject` in at the provider as a browser would, and answers where the provider sent them back. */
  signIn(authorizationUrl: string, subject: string): Promise<URL>;
  stop(): Promise<void>;
}

export async function startOidcStandIn(): Promise<OidcStandIn> {
  const settings = {
    clientId: "pawgraph-test",
    clientSecret: "stand-in-client-secret",
    redirectUri: "https://app.pawgraph.test/auth/callback",
  };
  const child: ChildProcess = spawn(process.execPath, [resolve(__dirname, "oidc-provider-stand-in.mjs")], {
    env: { ...process.env, OIDC_STAND_IN: JSON.stringify(settings) },
    stdio: ["ignore", "pipe", "ignore"],
  });
  const lines = createInterface({ input: child.stdout! });
  const issuer = await new Promise<string>((resolveIssuer, reject) => {
    child.once("exit", (code) => reject(new Error(`the OpenID stand-in exited (${code})`)));
    lines.once("line", (line) => resolveIssuer((JSON.parse(line) as { issuer: string }).issuer));
  });
  const control = async (path: string, body: unknown) => {
    const response = await fetch(`${issuer}${path}`, { method: "POST", body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`stand-in ${path}: ${response.status}`);
  };
  return {
    issuer,
    ...settings,
    addAccounts: (accounts) => control("/_stand-in/accounts", accounts),
    faults: (faults) => control("/_stand-in/faults", faults),
    signIn: (authorizationUrl, subject) => browse(authorizationUrl, subject, settings.redirectUri),
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * A browser at the provider: follows redirects with its cookies, fills the login form with `subject`
 * and accepts the consent form, until the provider redirects to `redirectUri`.
 */
async function browse(authorizationUrl: string, subject: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form?.toString(),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get("location")!, url);
      if (next.toString().startsWith(redirectUri)) return next;
      url = next.toString();
      form = undefined;
      continue;
    }
    const html = await response.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!prompt || !action)
      throw new Error(`unexpected page at the provider (${response.status}): ${html.slice(0, 300)}`);
    url = new URL(action, url).toString();
    form = new URLSearchParams(prompt === "login" ? { prompt, login: subject, password: "any" } : { prompt });
  }
  throw new Error("the provider never sent the browser back");
}
