import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import {
  ChangePasswordDocument,
  LoginDocument,
  MeDocument,
  RefreshSessionDocument,
  RegisterDocument,
} from "../clients/__generated__/graphql";
import { PASSWORD, onlyError, post, startStack, uniqueEmail, type GraphQLResponse, type Stack } from "./harness";
import { subscribe } from "./ws";

// A gateway behind one trusted proxy (127.0.0.1, where the tests connect from): the proxy's
// `X-Forwarded-For` says which client each request comes from. Small budgets keep the test quick.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    trustProxy: ["loopback"],
    signInLimits: {
      loginPerAccountIp: { points: 5, windowSeconds: 900 },
      loginPerIp: { points: 8, windowSeconds: 3600 },
      refreshPerIp: { points: 3, windowSeconds: 900 },
      registerPerIp: { points: 3, windowSeconds: 3600 },
    },
  });
});
afterAll(() => stack.stop());

/** A distinct documentation address (RFC 5737) per client, so tests do not share budgets. */
let clients = 0;
const newClientIp = () => `198.51.100.${++clients}`;

/** Sends a typed operation as a client at `ip` (the trusted proxy names it in X-Forwarded-For). */
function from(ip: string) {
  return <TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    token?: string,
  ): Promise<GraphQLResponse<TResult>> =>
    post<TResult>(stack.gateway.url, { query: print(document), variables }, token, { "x-forwarded-for": ip });
}

async function registerFrom(ip: string, email = uniqueEmail("owner")) {
  const result = await from(ip)(RegisterDocument, { input: { email, password: PASSWORD, displayName: "Owner" } });
  if (result.data?.register.__typename !== "RegistrationAccepted")
    throw new Error(`register failed: ${JSON.stringify(result)}`);
  // register answers the same for every address (docs/decisions/0019); the session comes from login.
  const signedIn = (await loginFrom(ip, email, PASSWORD)).data?.login;
  if (signedIn?.__typename !== "AuthPayload") throw new Error(`login failed: ${JSON.stringify(signedIn)}`);
  return { email, refreshToken: signedIn.refreshToken, token: signedIn.accessToken };
}

/** A graphql-ws socket opened through the trusted proxy for a client at `ip`. */
function socketFrom(ip: string, token: string) {
  class ProxiedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { "x-forwarded-for": ip } });
    }
  }
  return createClient({
    url: stack.gateway.wsUrl,
    webSocketImpl: ProxiedWebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
  });
}

const loginFrom = (ip: string, email: string, password: string) =>
  from(ip)(LoginDocument, { input: { email, password } });

function expectRateLimited(response: GraphQLResponse<unknown>, atMostSeconds: number) {
  const error = onlyError(response);
  expect(error.extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) });
  expect(error.extensions!.retryAfterSeconds).toBeGreaterThan(0);
  expect(error.extensions!.retryAfterSeconds).toBeLessThanOrEqual(atMostSeconds);
  expect(error.message).toMatch(/Try again in/);
}

describe("sign-in abuse", () => {
  it("an attacker's wrong passwords from one address do not stop the owner signing in from another", async () => {
    const owner = newClientIp();
    const attacker = newClientIp();
    const { email } = await registerFrom(owner);

    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++)
      outcomes.push((await loginFrom(attacker, email, `guess number ${i}!`)).data!.login.__typename);
    expect(outcomes).toEqual(Array(5).fill("InvalidCredentialsError"));
    // Past the budget the attacker is refused without a password check, even with the right one.
    expectRateLimited(await loginFrom(attacker, email, "guess number 6!"), 900);
    expectRateLimited(await loginFrom(attacker, email, PASSWORD), 900);

    const signedIn = await loginFrom(owner, email, PASSWORD);
    expect(signedIn.data?.login.__typename).toBe("AuthPayload");
    const token = signedIn.data?.login.__typename === "AuthPayload" ? signedIn.data.login.accessToken : "";
    expect((await from(owner)(MeDocument, {}, token)).data?.me!.email).toBe(email);
  });

  it("limits guesses of the current password in changePassword like guesses at sign-in", async () => {
    const thief = newClientIp();
    const { email, token } = await registerFrom(newClientIp());
    const change = (currentPassword: string) =>
      from(thief)(ChangePasswordDocument, { input: { currentPassword, newPassword: "a brand new passphrase" } }, token);
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) outcomes.push((await change(`guess number ${i}!`)).data!.changePassword.__typename);
    expect(outcomes).toEqual(Array(5).fill("IncorrectPasswordError"));
    expectRateLimited(await change(PASSWORD), 900);
    // The owner, elsewhere, still signs in with the password the thief could not change.
    expect((await loginFrom(newClientIp(), email, PASSWORD)).data?.login.__typename).toBe("AuthPayload");
  });

  it("an owner's own mistakes are forgotten once they sign in", async () => {
    const owner = newClientIp();
    const { email } = await registerFrom(owner);
    for (let i = 0; i < 4; i++) await loginFrom(owner, email, `typo number ${i}!`);
    expect((await loginFrom(owner, email, PASSWORD)).data?.login.__typename).toBe("AuthPayload");
    for (let i = 0; i < 4; i++)
      expect((await loginFrom(owner, email, `typo again ${i}!`)).data?.login.__typename).toBe(
        "InvalidCredentialsError",
      );
  });

  it("limits one address's failures across many accounts, registered or not", async () => {
    const sprayer = newClientIp();
    const victim = await registerFrom(newClientIp());
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++)
      outcomes.push((await loginFrom(sprayer, uniqueEmail(`target${i}`), "Summer2025!")).data!.login.__typename);
    expect(outcomes).toEqual(Array(8).fill("InvalidCredentialsError"));
    expectRateLimited(await loginFrom(sprayer, victim.email, "Summer2025!"), 3600);
    expectRateLimited(await loginFrom(sprayer, victim.email, PASSWORD), 3600);
    expect((await loginFrom(newClientIp(), victim.email, PASSWORD)).data?.login.__typename).toBe("AuthPayload");
  });

  it("counts attempts sent over the WebSocket against the client's address too", async () => {
    const client = newClientIp();
    const { email, token } = await registerFrom(client);
    const socket = socketFrom(client, token);
    try {
      for (let i = 0; i < 5; i++) {
        const attempt = subscribe(socket, LoginDocument, { input: { email, password: `socket guess ${i}!` } });
        expect((await attempt.nth(1)).data?.login.__typename).toBe("InvalidCredentialsError");
      }
    } finally {
      await socket.dispose();
    }
    // Same address over HTTP: the socket's failures were counted for it.
    expectRateLimited(await loginFrom(client, email, PASSWORD), 900);
  });

  it("limits failed session refreshes per address", async () => {
    const client = newClientIp();
    for (let i = 0; i < 3; i++) {
      expect(
        onlyError(await from(client)(RefreshSessionDocument, { input: { refreshToken: `forged-${i}` } })).extensions
          ?.code,
      ).toBe("UNAUTHENTICATED");
    }
    expectRateLimited(await from(client)(RefreshSessionDocument, { input: { refreshToken: "forged-4" } }), 900);

    const elsewhere = newClientIp();
    const { refreshToken } = await registerFrom(elsewhere);
    expect((await from(elsewhere)(RefreshSessionDocument, { input: { refreshToken } })).errors).toBeUndefined();
    // A successful refresh gives its attempt back: three failures still fit in the budget.
    for (let i = 0; i < 3; i++) {
      expect(
        onlyError(await from(elsewhere)(RefreshSessionDocument, { input: { refreshToken: `stale-${i}` } })).extensions
          ?.code,
      ).toBe("UNAUTHENTICATED");
    }
  });

  it("limits sign-ups per address", async () => {
    const client = newClientIp();
    for (let i = 0; i < 3; i++) await registerFrom(client);
    expectRateLimited(
      await from(client)(RegisterDocument, {
        input: { email: uniqueEmail("fourth"), password: PASSWORD, displayName: "Fourth" },
      }),
      3600,
    );
    await registerFrom(newClientIp());
  });

  it.each(["password123", "1234567890", "qwertyuiop", "P@ssw0rd2024"])(
    "refuses the guessable password %s at sign-up, naming the field",
    async (password) => {
      const result = await from(newClientIp())(RegisterDocument, {
        input: { email: uniqueEmail("weak"), password, displayName: "Weak" },
      });
      const error = onlyError(result);
      expect(error.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "input.password",
        hint: expect.stringMatching(/passphrase/),
      });
      expect(error.message).toMatch(/^Password is too easy to guess/);
    },
  );
});
