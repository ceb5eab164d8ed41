// A local OpenID provider for the social sign-in tests: oidc-provider (the certified Node.js
// implementation) with one client, PKCE required and the development login form, so identity's
// openid-client speaks the real protocol to it. oidc-provider is ESM only, so it runs as its own
// process: the test starts it, reads `{ issuer }` from its first line of output, and may switch two
// faults on through POST /_stand-in/faults: an ID token whose signature was tampered with, and an
// authorization request whose nonce was swapped (as an ID token injected from another sign-in would be);
// POST /_stand-in/accounts adds people.
// Configuration comes as JSON in OIDC_STAND_IN: { clientId, clientSecret, redirectUri, accounts }, where
// accounts maps a subject (what the test types as the login name) to { email, email_verified, name }.
import { createServer } from "node:http";
import Provider from "oidc-provider";

const { clientId, clientSecret, redirectUri, accounts = {} } = JSON.parse(process.env.OIDC_STAND_IN ?? "{}");
const faults = { tamperIdToken: false, swapNonce: false };

const server = createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      response_types: ["code"],
      grant_types: ["authorization_code"],
    },
  ],
  pkce: { required: () => true },
  // The email claims in the ID token itself, as Google and Apple put them.
  conformIdTokenClaims: false,
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  findAccount: (_ctx, id) => (accounts[id] ? { accountId: id, claims: () => ({ ...accounts[id] }) } : undefined),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["oidc-stand-in"] },
  // Tokens as a real provider issues them; the stand-in's keys are made at start (no `jwks` given).
  ttl: { AccessToken: 600, AuthorizationCode: 120, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
});

provider.use(async (ctx, next) => {
  // The test's controls: faults to switch on or off, and people to add.
  if (ctx.method === "POST" && (ctx.path === "/_stand-in/faults" || ctx.path === "/_stand-in/accounts")) {
    const chunks = [];
    for await (const chunk of ctx.req) chunks.push(chunk);
    const body = JSON.parse(Buffer.concat(chunks).toString() || "{}");
    ctx.body = Object.assign(ctx.path.endsWith("faults") ? faults : accounts, body);
    return;
  }
  if (ctx.path === "/auth" && faults.swapNonce && ctx.query.nonce) {
    ctx.query = { ...ctx.query, nonce: `${ctx.query.nonce}-swapped` };
  }
  await next();
  if (ctx.path === "/token" && faults.tamperIdToken && ctx.body && typeof ctx.body.id_token === "string") {
    const [header, payload, signature] = ctx.body.id_token.split(".");
    const flipped = (signature[0] === "A" ? "B" : "A") + signature.slice(1);
    ctx.body = { ...ctx.body, id_token: [header, payload, flipped].join(".") };
  }
});

server.on("request", provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on("SIGTERM", () => server.close(() => process.exit(0)));
