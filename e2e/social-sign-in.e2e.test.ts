// Social sign-in through the gateway against a local OpenID provider (oidc-provider, in its own
// process): the authorization-code flow with PKCE, state and nonce, as an app runs it.
import { randomUUID } from "node:crypto";
import {
  CompleteSocialSignInDocument,
  LinkSocialIdentityDocument,
  MySocialIdentitiesDocument,
  StartSocialSignInDocument,
  UnlinkSocialIdentityDocument,
} from "../clients/__generated__/graphql";
import { execute, onlyError, PASSWORD, registerVerifiedUser, startStack, uniqueEmail, type Stack } from "./harness";
import { startOidcStandIn, type OidcStandIn } from "./oidc-fixtures";

/** Sign-ins one client may start per hour in this file's stack. */
const SOCIAL_STARTS = 30;

let provider: OidcStandIn;
let stack: Stack;

beforeAll(async () => {
  provider = await startOidcStandIn();
  stack = await startStack({
    // Enough for every other case here; the last one spends the rest.
    signInLimits: { socialStartPerIp: { points: SOCIAL_STARTS, windowSeconds: 3600 } },
    socialProviders: {
      GOOGLE: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret },
    },
  });
});
afterAll(async () => {
  await stack?.stop();
  await provider?.stop();
});
afterEach(() => provider.faults({ tamperIdToken: false, swapNonce: false }));

/** A person at the provider with a verified address (or not). */
async function providerAccount(label: string, email = uniqueEmail(label), verified = true) {
  const subject = `${label}-${randomUUID().slice(0, 8)}`;
  await provider.addAccounts({ [subject]: { email, email_verified: verified, name: `${label} at Google` } });
  return { subject, email };
}

/** The app's side: start, send the person to the provider, complete with what came back. */
async function signInWithGoogle(subject: string, token?: string) {
  const started = await execute(
    stack.gateway.url,
    StartSocialSignInDocument,
    { input: { provider: "GOOGLE", redirectUri: provider.redirectUri } },
    token,
  );
  if (!started.data) throw new Error(JSON.stringify(started.errors));
  const back = await provider.signIn(started.data.startSocialSignIn.authorizationUrl, subject);
  const input = {
    state: back.searchParams.get("state")!,
    code: back.searchParams.get("code")!,
    iss: back.searchParams.get("iss"),
  };
  expect(input.state).toBe(started.data.startSocialSignIn.state);
  return { input, result: await execute(stack.gateway.url, CompleteSocialSignInDocument, { input }) };
}

const identitiesOf = async (token: string) =>
  (await execute(stack.gateway.url, MySocialIdentitiesDocument, {}, token)).data?.me?.socialIdentities;

describe("social sign-in (OpenID Connect) through the gateway", () => {
  it("makes an account for a new verified address, and signs the same person in next time", async () => {
    const { subject, email } = await providerAccount("nova");
    const first = (await signInWithGoogle(subject)).result.data?.completeSocialSignIn;
    if (first?.__typename !== "AuthPayload") throw new Error(JSON.stringify(first));
    expect(first.user).toMatchObject({ email, displayName: "nova at Google" });
    expect(await identitiesOf(first.accessToken)).toEqual([
      { provider: "GOOGLE", email, linkedAt: expect.any(String) },
    ]);

    const again = (await signInWithGoogle(subject)).result.data?.completeSocialSignIn;
    expect(again).toMatchObject({ __typename: "AuthPayload", user: { id: first.user.id } });
  });

  it("links to an existing account with that address only after its password", async () => {
    const existing = await registerVerifiedUser(stack, "olga");
    const { subject } = await providerAccount("olga", existing.user.email!.toUpperCase());
    const offered = (await signInWithGoogle(subject)).result.data?.completeSocialSignIn;
    if (offered?.__typename !== "SocialLinkRequired") throw new Error(JSON.stringify(offered));
    expect(offered).toMatchObject({ email: existing.user.email, provider: "GOOGLE" });

    const wrong = await execute(stack.gateway.url, LinkSocialIdentityDocument, {
      input: { linkToken: offered.linkToken, password: "not the password at all" },
    });
    expect(onlyError(wrong).extensions).toMatchObject({ code: "INVALID_CREDENTIALS", field: "input.password" });
    const linked = await execute(stack.gateway.url, LinkSocialIdentityDocument, {
      input: { linkToken: offered.linkToken, password: PASSWORD },
    });
    expect(linked.data?.linkSocialIdentity).toMatchObject({
      __typename: "AuthPayload",
      user: { id: existing.user.id },
    });
    const reused = await execute(stack.gateway.url, LinkSocialIdentityDocument, {
      input: { linkToken: offered.linkToken, password: PASSWORD },
    });
    expect(onlyError(reused).extensions).toMatchObject({ code: "SOCIAL_SIGN_IN_FAILED", field: "input.linkToken" });

    // Linked: the provider signs the account in directly; unlinked, the offer comes back.
    const direct = (await signInWithGoogle(subject)).result.data?.completeSocialSignIn;
    expect(direct).toMatchObject({ __typename: "AuthPayload", user: { id: existing.user.id } });
    const unlinked = await execute(
      stack.gateway.url,
      UnlinkSocialIdentityDocument,
      { input: { provider: "GOOGLE" } },
      existing.token,
    );
    expect(unlinked.data?.unlinkSocialIdentity).toBe(true);
    expect(await identitiesOf(existing.token)).toEqual([]);
    expect((await signInWithGoogle(subject)).result.data?.completeSocialSignIn?.__typename).toBe("SocialLinkRequired");
  });

  it("links from a signed-in session, whatever address the provider has", async () => {
    const me = await registerVerifiedUser(stack, "pia");
    const { subject } = await providerAccount("pia-elsewhere");
    const completed = (await signInWithGoogle(subject, me.token)).result.data?.completeSocialSignIn;
    expect(completed).toMatchObject({ __typename: "AuthPayload", user: { id: me.user.id } });
    expect((await identitiesOf(me.token))?.map((i) => i.provider)).toEqual(["GOOGLE"]);
  });

  it("refuses an ID token whose signature was tampered with", async () => {
    const { subject } = await providerAccount("tampered");
    await provider.faults({ tamperIdToken: true });
    const { result } = await signInWithGoogle(subject);
    expect(onlyError(result).extensions).toMatchObject({ code: "SOCIAL_SIGN_IN_FAILED", field: "input.code" });
    expect(result.data?.completeSocialSignIn ?? null).toBeNull();
  });

  it("refuses an ID token carrying another sign-in's nonce", async () => {
    const { subject } = await providerAccount("injected");
    await provider.faults({ swapNonce: true });
    const { result } = await signInWithGoogle(subject);
    expect(onlyError(result).extensions).toMatchObject({ code: "SOCIAL_SIGN_IN_FAILED", field: "input.code" });
  });

  it("takes each sign-in once, and no address the provider did not verify", async () => {
    const { subject } = await providerAccount("once");
    const { input, result } = await signInWithGoogle(subject);
    expect(result.data?.completeSocialSignIn?.__typename).toBe("AuthPayload");
    const replayed = await execute(stack.gateway.url, CompleteSocialSignInDocument, { input });
    expect(onlyError(replayed).extensions).toMatchObject({ code: "SOCIAL_SIGN_IN_FAILED", field: "input.state" });

    const unverified = await providerAccount("unverified", uniqueEmail("unverified"), false);
    const refused = (await signInWithGoogle(unverified.subject)).result;
    expect(onlyError(refused).extensions).toMatchObject({ code: "SOCIAL_SIGN_IN_FAILED", field: "input.code" });
  });

  it("offers only configured providers", async () => {
    const refused = await execute(stack.gateway.url, StartSocialSignInDocument, {
      input: { provider: "APPLE", redirectUri: provider.redirectUri },
    });
    expect(onlyError(refused).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.provider" });
  });

  it("limits the sign-ins one client starts: each stores an attempt before anything is proved", async () => {
    const start = () =>
      execute(stack.gateway.url, StartSocialSignInDocument, {
        input: { provider: "GOOGLE", redirectUri: provider.redirectUri },
      });
    let refused;
    for (let i = 0; i <= SOCIAL_STARTS && !refused; i++) {
      const response = await start();
      if (response.errors) refused = onlyError(response);
    }
    expect(refused?.extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) });
  });
});
