import { randomUUID } from "node:crypto";
import { Client as PgClient } from "pg";
import {
  ChangePasswordDocument,
  MeDocument,
  RefreshSessionDocument,
  RequestPasswordResetDocument,
  ResetPasswordDocument,
} from "../clients/__generated__/graphql";
import {
  eventually,
  execute,
  login,
  onlyError,
  PASSWORD,
  registerUser,
  startStack,
  uniqueEmail,
  type GraphQLResponse,
  type Stack,
} from "./harness";
import { mailSubject, mailText, startSmtpServer } from "./smtp";

const RESET_SUBJECT = "Reset your Pawgraph password";
const NEW_PASSWORD = "violet kettle under seven bridges";

let stack: Stack;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let db: PgClient;

beforeAll(async () => {
  smtp = await startSmtpServer();
  // The real mail path, as for email verification: identity's outbox → event bus → messaging → SMTP, on
  // a database and event stream of its own. A gateway behind one trusted proxy (127.0.0.1): the
  // proxy's X-Forwarded-For names each client, so tests do not share the per-client budget.
  stack = await startStack({
    ownDatabase: true,
    trustProxy: ["loopback"],
    signInLimits: {
      passwordResetPerEmail: { points: 3, windowSeconds: 3600 },
      passwordResetPerIp: { points: 5, windowSeconds: 3600 },
    },
    messaging: {
      smtpUrl: smtp.url,
      mailFrom: "Pawgraph <accounts@pawgraph.test>",
      consumeEvents: true,
      deliveryEnabled: true,
      resetPasswordUrl: "https://app.pawgraph.test/reset-password",
    },
  });
  db = new PgClient({ connectionString: stack.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db.end();
  await stack.stop();
  await smtp.stop();
});

/** A distinct documentation address (RFC 5737) per client. */
let clients = 0;
const newClientIp = () => `203.0.113.${++clients}`;

const requestReset = (email: string, ip = newClientIp()) =>
  execute(stack.gateway.url, RequestPasswordResetDocument, { input: { email } }, undefined, { "x-forwarded-for": ip });
const resetPassword = (token: string, newPassword = NEW_PASSWORD) =>
  execute(stack.gateway.url, ResetPasswordDocument, { input: { token, newPassword } });

/** The token in the `n`th reset email to `email` (0: the first), as the person would copy it. */
async function tokenFromMail(email: string, n = 0): Promise<{ token: string; text: string }> {
  const toThem = () => smtp.mails.filter((m) => m.to.includes(email) && mailSubject(m) === RESET_SUBJECT);
  await smtp.waitFor(() => toThem().length > n, 10_000);
  const text = mailText(toThem()[n]!);
  const token = /Or enter this code in the app: (\S+)/.exec(text)?.[1];
  if (!token) throw new Error(`no code in: ${text}`);
  return { token, text };
}

async function session(email: string, password = PASSWORD) {
  const signedIn = (await login(stack, email, password)).data?.login;
  if (signedIn?.__typename !== "AuthPayload") throw new Error(JSON.stringify(signedIn));
  return signedIn;
}

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;

/** The session's access token is refused at the gateway within seconds (docs/decisions/0014), and its refresh token at once. */
async function expectEnded(ended: { accessToken: string; refreshToken: string }): Promise<void> {
  const me = await eventually(
    () => execute(stack.gateway.url, MeDocument, {}, ended.accessToken),
    // 401: refused by the gateway itself (its poll of the revocation log), not only by identity.
    (r) => codeOf(r) === "UNAUTHENTICATED" && r.status === 401,
    5_000,
  );
  expect({ status: me.status, code: codeOf(me) }).toEqual({ status: 401, code: "UNAUTHENTICATED" });
  const refreshed = await execute(stack.gateway.url, RefreshSessionDocument, {
    input: { refreshToken: ended.refreshToken },
  });
  expect(codeOf(refreshed)).toBe("UNAUTHENTICATED");
}

async function expectWorking(token: string): Promise<void> {
  const me = await execute(stack.gateway.url, MeDocument, {}, token);
  expect(me.errors).toBeUndefined();
}

describe("password reset through the gateway", () => {
  it("answers an unknown address exactly like an account's; only the account's owner gets an email", async () => {
    const { email, user } = await registerUser(stack, "maria");
    const unknown = uniqueEmail("nobody");

    const known = await requestReset(email.toUpperCase());
    expect(known).toEqual({
      status: 200,
      data: {
        requestPasswordReset: {
          __typename: "PasswordResetRequested",
          email,
          message:
            "If this address has a Pawgraph account, we sent it an email with a link to reset the password. The link works once, for a short time.",
        },
      },
    });
    const nobody = await requestReset(unknown);
    expect(nobody).toEqual({
      ...known,
      data: { requestPasswordReset: { ...known.data!.requestPasswordReset, email: unknown } },
    });

    const { token, text } = await tokenFromMail(email);
    expect(text).toContain(`https://app.pawgraph.test/reset-password?token=${token}`);
    expect(text).toMatch(/^Hello maria /);
    // Only a hash of the token is stored; nothing at all for the unknown address, and no mail goes there.
    const stored = await db.query<{ token_hash: string; expires_in: number }>(
      `SELECT token_hash, extract(epoch FROM expires_at - created_at)::int AS expires_in FROM identity.password_reset_tokens WHERE user_id = $1`,
      [user.id],
    );
    expect(stored.rows).toEqual([{ token_hash: expect.stringMatching(/^[0-9a-f]{64}$/), expires_in: 15 * 60 }]);
    expect(stored.rows[0]!.token_hash).not.toContain(token);
    const outbox = await db.query(`SELECT 1 FROM identity.outbox WHERE payload->>'email' = $1`, [unknown]);
    expect(outbox.rowCount).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.mails.filter((m) => m.to.includes(unknown))).toEqual([]);
  });

  it("a reset link works once: the new password signs in and every earlier session ends, access and refresh tokens", async () => {
    const { email } = await registerUser(stack, "reset");
    const phone = await session(email);
    const laptop = await session(email);
    await requestReset(email);
    const { token } = await tokenFromMail(email);

    // A weak password is refused on its field and changes nothing: the link and every session still work.
    const weak = await resetPassword(token, "password123");
    expect(onlyError(weak)).toMatchObject({
      message: expect.stringMatching(/^Password is too easy to guess/),
      extensions: { code: "BAD_USER_INPUT", field: "input.newPassword" },
    });
    expect(onlyError(await resetPassword(token, "short")).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.newPassword",
    });
    await expectWorking(phone.accessToken);
    expect((await login(stack, email)).data?.login.__typename).toBe("AuthPayload");

    expect(await resetPassword(token)).toEqual({ status: 200, data: { resetPassword: { email } } });
    await Promise.all([expectEnded(phone), expectEnded(laptop)]);
    expect((await login(stack, email)).data?.login.__typename).toBe("InvalidCredentialsError");
    await expectWorking((await session(email, NEW_PASSWORD)).accessToken);

    const again = await resetPassword(token, "another fine passphrase here");
    expect(onlyError(again)).toMatchObject({
      message: "This password reset link was already used",
      extensions: { code: "PASSWORD_RESET_TOKEN_USED", field: "input.token" },
    });
    expect((await login(stack, email, "another fine passphrase here")).data?.login.__typename).toBe(
      "InvalidCredentialsError",
    );
  });

  it("one link used twice at once resets the password once", async () => {
    const { email } = await registerUser(stack, "racer");
    await requestReset(email);
    const { token } = await tokenFromMail(email);
    const outcomes = await Promise.all([
      resetPassword(token, NEW_PASSWORD),
      resetPassword(token, "another fine passphrase here"),
    ]);
    const won = outcomes.filter((r) => r.data?.resetPassword);
    const lost = outcomes.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost.map((r) => onlyError(r).extensions)).toEqual([
      expect.objectContaining({ code: "PASSWORD_RESET_TOKEN_USED", field: "input.token" }),
    ]);
    const winner = outcomes[0] === won[0] ? NEW_PASSWORD : "another fine passphrase here";
    await session(email, winner);
  });

  it("unknown, replaced and expired links are coded errors on input.token", async () => {
    expect(onlyError(await resetPassword(randomUUID()))).toMatchObject({
      message: "This password reset link is not valid",
      extensions: { code: "INVALID_PASSWORD_RESET_TOKEN", field: "input.token" },
    });

    const { email, user } = await registerUser(stack, "late");
    await requestReset(email);
    const { token: first } = await tokenFromMail(email);
    // Asking again replaces the earlier link.
    await requestReset(email);
    const { token: second } = await tokenFromMail(email, 1);
    expect(second).not.toBe(first);
    expect(onlyError(await resetPassword(first))).toMatchObject({
      message: "This password reset link was replaced by a newer one: use the latest email, or ask for a new link",
      extensions: { code: "PASSWORD_RESET_TOKEN_EXPIRED", field: "input.token" },
    });
    // The clock moves past the link's 15 minutes.
    await db.query(
      `UPDATE identity.password_reset_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [user.id],
    );
    expect(onlyError(await resetPassword(second))).toMatchObject({
      message: "This password reset link has expired: ask for a new one",
      extensions: { code: "PASSWORD_RESET_TOKEN_EXPIRED", field: "input.token" },
    });
    // Nothing changed: the old password still signs in.
    expect((await login(stack, email)).data?.login.__typename).toBe("AuthPayload");
  });

  it("changePassword needs the current password and ends the account's other sessions", async () => {
    const { email } = await registerUser(stack, "changer");
    const phone = await session(email);
    const laptop = await session(email);

    const wrong = await execute(
      stack.gateway.url,
      ChangePasswordDocument,
      { input: { currentPassword: "not my password at all", newPassword: NEW_PASSWORD } },
      phone.accessToken,
    );
    expect(wrong.data?.changePassword).toEqual({
      __typename: "IncorrectPasswordError",
      message: "The current password is incorrect",
    });
    await expectWorking(laptop.accessToken);

    const changed = await execute(
      stack.gateway.url,
      ChangePasswordDocument,
      { input: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } },
      phone.accessToken,
    );
    const payload = changed.data?.changePassword;
    if (payload?.__typename !== "AuthPayload") throw new Error(JSON.stringify(changed));
    await expectEnded(laptop);
    // This device goes on with the session in the answer; the tokens it held before end too (docs/decisions/0014).
    await expectWorking(payload.accessToken);
    await expectEnded(phone);
    const refreshed = await execute(stack.gateway.url, RefreshSessionDocument, {
      input: { refreshToken: payload.refreshToken },
    });
    expect(refreshed.errors).toBeUndefined();
  });

  it("limits requests per email from any client, and per client across emails, whether or not the address has an account", async () => {
    const expectRateLimited = (response: GraphQLResponse<unknown>) => {
      const error = onlyError(response);
      expect(error).toMatchObject({
        message: expect.stringMatching(/^Too many password reset requests. Try again in /),
        extensions: { code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) },
      });
      expect(error.extensions!.retryAfterSeconds).toBeGreaterThan(0);
      expect(error.extensions!.retryAfterSeconds).toBeLessThanOrEqual(3600);
    };
    const { email } = await registerUser(stack, "flooded");
    const unknown = uniqueEmail("nobody");
    for (const address of [email, unknown]) {
      // Three requests from three clients, then the address's budget is spent, from any client.
      for (let i = 0; i < 3; i++) expect((await requestReset(address)).errors).toBeUndefined();
      expectRateLimited(await requestReset(address));
    }
    const mails = () => smtp.mails.filter((m) => m.to.includes(email) && mailSubject(m) === RESET_SUBJECT).length;
    await tokenFromMail(email, 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mails()).toBe(3);

    // One client, many addresses: five, then refused, whoever the sixth is.
    const client = newClientIp();
    for (let i = 0; i < 5; i++) expect((await requestReset(uniqueEmail("spray"), client)).errors).toBeUndefined();
    expectRateLimited(await requestReset((await registerUser(stack, "sprayed")).email, client));
    expect((await requestReset(uniqueEmail("elsewhere"))).errors).toBeUndefined();
  });
});
