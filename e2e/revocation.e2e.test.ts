import { randomUUID } from "node:crypto";
import { print } from "graphql";
import { Client as PgClient } from "pg";
import type { Client } from "graphql-ws";
import {
  ChangePasswordDocument,
  ConversationUpdatedDocument,
  LockAccountDocument,
  LogoutDocument,
  MeDocument,
  MyPetsDocument,
  RefreshSessionDocument,
  RevokeRoleDocument,
  UnlockAccountDocument,
} from "../clients/__generated__/graphql";
import {
  adminToken,
  eventually,
  execute,
  login,
  onlyError,
  PASSWORD,
  post,
  registerClinic,
  registerClinicMember,
  registerUser,
  startStack,
  type GraphQLResponse,
  type Stack,
} from "./harness";
import { openSocket, settle, subscribe, type Subscription } from "./ws";

/** Revocation must hold within this many milliseconds of the mutation that revokes (issue 10). */
const WITHIN_MS = 5_000;
const GATEWAY_SECRET = `revocation-test-${randomUUID()}`;

let stack: Stack;
const sockets: Client[] = [];
beforeAll(async () => {
  stack = await startStack({ gatewaySecret: GATEWAY_SECRET });
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.dispose()));
});
afterAll(() => stack.stop());

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;

/** One access token in use everywhere a client (or an attacker holding it) could use it. */
async function inUse(token: string): Promise<Access> {
  const client = openSocket(stack.gateway.wsUrl, token);
  sockets.push(client);
  const live = subscribe(client, ConversationUpdatedDocument);
  await settle();
  return { token, client, live };
}

interface Access {
  token: string;
  client: Client;
  live: Subscription<unknown>;
}

type Ended = { error: { extensions?: { code?: string } }[] };

const atGateway = (token: string) => execute(stack.gateway.url, MeDocument, {}, token);
/** Straight at a subgraph, with the gateway secret: as another subgraph, or someone who stole the secret, would call it. */
const atPets = (token: string) =>
  post(stack.pets.url, { query: print(MyPetsDocument), variables: { first: 1 } }, token, {
    "x-gateway-secret": GATEWAY_SECRET,
  });
const atIdentity = (token: string) =>
  post(stack.identity.url, { query: print(MeDocument) }, token, { "x-gateway-secret": GATEWAY_SECRET });

/** Everything the token could reach works: the gateway, subgraphs directly, and its subscription is still live. */
async function expectWorking(access: Access): Promise<void> {
  for (const response of await Promise.all([atGateway(access.token), atPets(access.token), atIdentity(access.token)])) {
    expect(response.errors).toBeUndefined();
  }
  const outcome = await Promise.race([access.live.ended, settle(200).then(() => "live")]);
  expect(outcome).toBe("live");
}

/** Within 5 s of `since`, the token is refused at the gateway and at subgraphs, and its subscription ended with UNAUTHENTICATED. */
async function expectRevoked(access: Access, since: number): Promise<void> {
  const left = () => Math.max(0, since + WITHIN_MS - Date.now());
  const refused = (r: GraphQLResponse<unknown>) => codeOf(r) === "UNAUTHENTICATED";
  const [gateway, pets, identity] = await Promise.all([
    // 401: refused by the gateway itself, not only by the subgraph it asked.
    eventually(
      () => atGateway(access.token),
      (r) => refused(r) && r.status === 401,
      left(),
    ),
    eventually(() => atPets(access.token), refused, left()),
    eventually(() => atIdentity(access.token), refused, left()),
  ]);
  expect([codeOf(gateway), codeOf(pets), codeOf(identity)]).toEqual([
    "UNAUTHENTICATED",
    "UNAUTHENTICATED",
    "UNAUTHENTICATED",
  ]);
  expect(gateway.status).toBe(401);
  const outcome = (await Promise.race([
    access.live.ended,
    settle(left()).then(() => ({ error: [{ extensions: { code: "STILL LIVE" } }] })),
  ])) as Ended;
  expect(outcome.error[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  expect(Date.now() - since).toBeLessThan(WITHIN_MS + 500);
  // The socket refuses new operations too.
  const again = (await subscribe(access.client, ConversationUpdatedDocument).ended) as Ended;
  expect(again.error[0]?.extensions?.code).toBe("UNAUTHENTICATED");
}

/** Rows of identity's revocation log about one user. */
async function logEntriesOf(userId: string): Promise<number> {
  const db = new PgClient({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM identity.revocations WHERE user_id = $1`,
      [userId],
    );
    return rows[0]!.count;
  } finally {
    await db.end();
  }
}

async function signIn(email: string, password = PASSWORD) {
  const signedIn = (await login(stack, email, password)).data?.login;
  if (signedIn?.__typename !== "AuthPayload") throw new Error(`sign-in failed: ${JSON.stringify(signedIn)}`);
  return signedIn;
}

describe("access ends within 5 seconds, over HTTP and WebSocket", () => {
  it("when a platform admin revokes a role: the old token stops; a refreshed one carries the remaining roles", async () => {
    const vet = await registerClinicMember(stack, (await registerClinic(stack)).clinicId, "VET");
    const bystander = await inUse((await registerUser(stack, "bystander")).token);
    const access = await inUse(vet.token);
    await expectWorking(access);

    const revoked = await execute(
      stack.gateway.url,
      RevokeRoleDocument,
      { input: { userId: vet.user.id, role: "VET" } },
      await adminToken(stack),
    );
    expect(revoked.data?.revokeRole.roles).toEqual(["OWNER"]);
    await expectRevoked(access, Date.now());

    await expectWorking(bystander);
    const refreshed = await execute(stack.gateway.url, RefreshSessionDocument, {
      input: { refreshToken: vet.refreshToken },
    });
    expect(refreshed.data?.refreshSession.user.roles).toEqual(["OWNER"]);
    await expectWorking(await inUse(refreshed.data!.refreshSession.accessToken));
  });

  it("on logout: that session's tokens stop; the same user's other session keeps working", async () => {
    const { email } = await registerUser(stack, "two-devices");
    const phone = await signIn(email);
    const laptop = await signIn(email);
    const phoneAccess = await inUse(phone.accessToken);
    const laptopAccess = await inUse(laptop.accessToken);

    const loggedOut = await execute(stack.gateway.url, LogoutDocument, { input: { refreshToken: phone.refreshToken } });
    expect(loggedOut.data?.logout.loggedOut).toBe(true);
    await expectRevoked(phoneAccess, Date.now());

    await expectWorking(laptopAccess);
  });

  it("when a reused refresh token revokes its family: every access token of that session stops", async () => {
    const { email } = await registerUser(stack, "stolen");
    const session = await signIn(email);
    const other = await inUse((await signIn(email)).accessToken);
    const before = await inUse(session.accessToken);
    const rotated = await execute(stack.gateway.url, RefreshSessionDocument, {
      input: { refreshToken: session.refreshToken },
    });
    const after = await inUse(rotated.data!.refreshSession.accessToken);

    const replayed = await execute(stack.gateway.url, RefreshSessionDocument, {
      input: { refreshToken: session.refreshToken },
    });
    expect(codeOf(replayed)).toBe("UNAUTHENTICATED");
    const since = Date.now();
    await Promise.all([expectRevoked(before, since), expectRevoked(after, since)]);

    await expectWorking(other);
    // Replaying the dead session's tokens (anyone holding them may) adds nothing to the log every process reads.
    const logged = await logEntriesOf(session.user.id);
    expect(logged).toBe(1);
    for (const refreshToken of [session.refreshToken, rotated.data!.refreshSession.refreshToken]) {
      await execute(stack.gateway.url, RefreshSessionDocument, { input: { refreshToken } });
      await execute(stack.gateway.url, LogoutDocument, { input: { refreshToken } });
    }
    expect(await logEntriesOf(session.user.id)).toBe(logged);
  });

  it("on a password change: every session's tokens stop, this device gets a new session, the old password no longer signs in", async () => {
    const { email } = await registerUser(stack, "changer");
    const phone = await signIn(email);
    const laptop = await signIn(email);
    const phoneAccess = await inUse(phone.accessToken);
    const laptopAccess = await inUse(laptop.accessToken);
    const bystander = await inUse((await registerUser(stack, "bystander")).token);

    const wrong = await execute(
      stack.gateway.url,
      ChangePasswordDocument,
      { input: { currentPassword: "not my password", newPassword: "a brand new passphrase" } },
      phone.accessToken,
    );
    expect(wrong.data?.changePassword).toEqual({
      __typename: "IncorrectPasswordError",
      message: "The current password is incorrect",
    });
    const weak = await execute(
      stack.gateway.url,
      ChangePasswordDocument,
      { input: { currentPassword: PASSWORD, newPassword: "short" } },
      phone.accessToken,
    );
    expect(onlyError(weak).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.newPassword" });
    await expectWorking(phoneAccess);

    const changed = await execute(
      stack.gateway.url,
      ChangePasswordDocument,
      { input: { currentPassword: PASSWORD, newPassword: "a brand new passphrase" } },
      phone.accessToken,
    );
    const payload = changed.data?.changePassword;
    if (payload?.__typename !== "AuthPayload") throw new Error(JSON.stringify(changed));
    expect(payload.user.email).toBe(email);
    const since = Date.now();
    await Promise.all([expectRevoked(phoneAccess, since), expectRevoked(laptopAccess, since)]);

    await expectWorking(await inUse(payload.accessToken));
    await expectWorking(bystander);
    for (const refreshToken of [phone.refreshToken, laptop.refreshToken]) {
      expect(codeOf(await execute(stack.gateway.url, RefreshSessionDocument, { input: { refreshToken } }))).toBe(
        "UNAUTHENTICATED",
      );
    }
    expect((await login(stack, email)).data?.login.__typename).toBe("InvalidCredentialsError");
    await signIn(email, "a brand new passphrase");
  });

  it("when a platform admin locks the account: every token stops, sign-in and refresh are refused until unlocked", async () => {
    const admin = await adminToken(stack);
    const { email, user } = await registerUser(stack, "locked");
    const session = await signIn(email);
    const access = await inUse(session.accessToken);
    const bystander = await inUse((await registerUser(stack, "bystander")).token);

    const notAdmin = await execute(
      stack.gateway.url,
      LockAccountDocument,
      { input: { userId: user.id, reason: "spam" } },
      session.accessToken,
    );
    expect(onlyError(notAdmin).extensions?.code).toBe("FORBIDDEN");
    const locked = await execute(
      stack.gateway.url,
      LockAccountDocument,
      { input: { userId: user.id, reason: "Payment fraud reported by the clinic" } },
      admin,
    );
    expect(locked.data?.lockAccount.lockedAt).toEqual(expect.any(String));
    await expectRevoked(access, Date.now());

    await expectWorking(bystander);
    expect(
      codeOf(
        await execute(stack.gateway.url, RefreshSessionDocument, { input: { refreshToken: session.refreshToken } }),
      ),
    ).toBe("UNAUTHENTICATED");
    expect((await login(stack, email)).data?.login).toMatchObject({
      __typename: "AccountLockedError",
      lockedUntil: null,
      retryAfterSeconds: null,
    });
    // A wrong password does not tell anyone that the account is locked.
    expect((await login(stack, email, "a wrong passphrase")).data?.login.__typename).toBe("InvalidCredentialsError");

    const unlocked = await execute(stack.gateway.url, UnlockAccountDocument, { input: { userId: user.id } }, admin);
    expect(unlocked.data?.unlockAccount).toEqual({ id: user.id, lockedAt: null });
    await expectWorking(await inUse((await signIn(email)).accessToken));
  });

  it("a refresh racing a password change does not outlive it", async () => {
    const { email } = await registerUser(stack, "racer");
    const phone = await signIn(email);
    const laptops = await Promise.all([signIn(email), signIn(email), signIn(email)]);
    const [changed, ...refreshed] = await Promise.all([
      execute(
        stack.gateway.url,
        ChangePasswordDocument,
        { input: { currentPassword: PASSWORD, newPassword: "a racing new passphrase" } },
        phone.accessToken,
      ),
      ...laptops.map((laptop) =>
        execute(stack.gateway.url, RefreshSessionDocument, { input: { refreshToken: laptop.refreshToken } }),
      ),
    ]);
    expect(changed.data?.changePassword.__typename).toBe("AuthPayload");
    // Whichever finished first, no laptop session survives: a refresh that won was revoked with the rest.
    const survivors = refreshed
      .map((r) => r.data?.refreshSession)
      .filter((session) => session !== undefined && session !== null);
    for (const session of survivors) {
      expect(
        codeOf(
          await execute(stack.gateway.url, RefreshSessionDocument, { input: { refreshToken: session.refreshToken } }),
        ),
      ).toBe("UNAUTHENTICATED");
      const token = session.accessToken;
      const refused = await eventually(
        () => atGateway(token),
        (r) => codeOf(r) === "UNAUTHENTICATED",
        WITHIN_MS,
      );
      expect(codeOf(refused)).toBe("UNAUTHENTICATED");
    }
  });
});
