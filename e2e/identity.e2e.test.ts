import { SignJWT, generateKeyPair, importJWK, type JWK } from "jose";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "@pawgraph/subgraph-kit";
import {
  GrantRoleDocument,
  LogoutDocument,
  MeDocument,
  RefreshSessionDocument,
  RegisterDocument,
  UserByIdDocument,
} from "../clients/__generated__/graphql";
import {
  ADMIN_EMAIL,
  PASSWORD,
  adminToken,
  execute,
  login,
  onlyError,
  registerClinic,
  registerUser,
  startStack,
  uniqueEmail,
  type Stack,
} from "./harness";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

describe("accounts and sessions through the gateway", () => {
  it("registers, signs in and answers `me`", async () => {
    const email = uniqueEmail("maria");
    const registered = await execute(stack.gateway.url, RegisterDocument, {
      input: { email: email.toUpperCase(), password: PASSWORD, displayName: "Maria" },
    });
    expect(registered.data?.register).toMatchObject({ __typename: "RegistrationAccepted", email });

    // A taken address gets the same answer (e2e/email-verification.e2e.test.ts: its owner is emailed instead).
    const again = await execute(stack.gateway.url, RegisterDocument, {
      input: { email, password: PASSWORD, displayName: "Other" },
    });
    expect(again).toEqual(registered);

    const signedIn = await login(stack, email);
    expect(signedIn.data?.login.__typename).toBe("AuthPayload");
    const token = signedIn.data?.login.__typename === "AuthPayload" ? signedIn.data.login.accessToken : "";
    const me = await execute(stack.gateway.url, MeDocument, {}, token);
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toMatchObject({
      email,
      emailVerified: false,
      displayName: "Maria",
      roles: ["OWNER"],
      clinicMemberships: [],
    });
  });

  it("refuses weak passwords and bad emails with BAD_USER_INPUT naming the field", async () => {
    const email = uniqueEmail("weak");
    const short = await execute(stack.gateway.url, RegisterDocument, {
      input: { email, password: "short", displayName: "W" },
    });
    expect(onlyError(short).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.password" });
    const containsEmail = await execute(stack.gateway.url, RegisterDocument, {
      input: { email, password: `my ${email} pw`, displayName: "W" },
    });
    expect(onlyError(containsEmail).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.password" });
    const badEmail = await execute(stack.gateway.url, RegisterDocument, {
      input: { email: "not-an-email", password: PASSWORD, displayName: "W" },
    });
    expect(onlyError(badEmail).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.email" });
    expect((await login(stack, email)).data?.login.__typename).toBe("InvalidCredentialsError");
  });

  it("shows a user's email only to that user", async () => {
    const anna = await registerUser(stack, "anna");
    const ben = await registerUser(stack, "ben");
    const seenByBen = await execute(stack.gateway.url, UserByIdDocument, { id: anna.user.id }, ben.token);
    expect(seenByBen.data?.user).toEqual({ id: anna.user.id, displayName: anna.user.displayName, email: null });
    const seenByAnna = await execute(stack.gateway.url, UserByIdDocument, { id: anna.user.id }, anna.token);
    expect(seenByAnna.data?.user?.email).toBe(anna.email);
  });

  it("gives the same answer for an unknown email and a wrong password", async () => {
    const { email } = await registerUser(stack);
    const wrongPassword = await login(stack, email, "wrong password!!");
    const unknownEmail = await login(stack, uniqueEmail("nobody"), "wrong password!!");
    expect(wrongPassword.data).toEqual(unknownEmail.data);
    expect(wrongPassword.data?.login).toEqual({
      __typename: "InvalidCredentialsError",
      message: "Email or password is incorrect",
    });
  });

  it("stops guessing after 5 failed sign-ins for an email from one address, registered or not", async () => {
    const { email } = await registerUser(stack);
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++)
      outcomes.push((await login(stack, email, `wrong password ${i}`)).data!.login.__typename);
    expect(outcomes).toEqual(Array(5).fill("InvalidCredentialsError"));
    // Past the budget, even the right password is refused without being checked.
    const limited = onlyError(await login(stack, email));
    expect(limited.extensions).toMatchObject({ code: "RATE_LIMITED" });
    expect(limited.extensions!.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(limited.extensions!.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);

    // Unknown emails are limited the same way, so the limit reveals nothing about who is registered.
    const nobody = uniqueEmail("nobody");
    for (let i = 0; i < 5; i++) await login(stack, nobody, `wrong password ${i}`);
    expect(onlyError(await login(stack, nobody)).extensions?.code).toBe("RATE_LIMITED");
  });

  it("rotates refresh tokens; reusing a rotated one revokes the whole family", async () => {
    const { refreshToken: first } = await registerUser(stack);
    const rotated = await execute(stack.gateway.url, RefreshSessionDocument, { input: { refreshToken: first } });
    expect(rotated.errors).toBeUndefined();
    const second = rotated.data!.refreshSession.refreshToken;
    expect(second).not.toBe(first);
    const me = await execute(stack.gateway.url, MeDocument, {}, rotated.data!.refreshSession.accessToken);
    expect(me.data?.me!.id).toBe(rotated.data!.refreshSession.user.id);

    const replay = await execute(stack.gateway.url, RefreshSessionDocument, { input: { refreshToken: first } });
    expect(onlyError(replay).extensions?.code).toBe("UNAUTHENTICATED");
    const afterRevocation = await execute(stack.gateway.url, RefreshSessionDocument, {
      input: { refreshToken: second },
    });
    expect(onlyError(afterRevocation).extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("logout ends the session's refresh token", async () => {
    const { refreshToken } = await registerUser(stack);
    const out = await execute(stack.gateway.url, LogoutDocument, { input: { refreshToken } });
    expect(out.data?.logout.loggedOut).toBe(true);
    const refresh = await execute(stack.gateway.url, RefreshSessionDocument, { input: { refreshToken } });
    expect(onlyError(refresh).extensions?.code).toBe("UNAUTHENTICATED");
    const unknown = await execute(stack.gateway.url, RefreshSessionDocument, {
      input: { refreshToken: "not-a-token" },
    });
    expect(onlyError(unknown).extensions?.code).toBe("UNAUTHENTICATED");
  });

  describe("access tokens the gateway refuses with UNAUTHENTICATED", () => {
    async function expectUnauthenticated(token: string) {
      const response = await execute(stack.gateway.url, MeDocument, {}, token);
      expect(response.status).toBe(401);
      expect(response.data ?? null).toBeNull();
      expect(onlyError(response).extensions?.code).toBe("UNAUTHENTICATED");
    }
    const devKey = () => JSON.parse(readFileSync(join(dataDir(), "keys", "identity-signing-key.json"), "utf8")) as JWK;
    const claims = (sub: string) => ({ email: "x@example.test", roles: ["OWNER"], clinics: [] as unknown[], sub });

    it("a tampered token", async () => {
      const { token, user } = await registerUser(stack);
      const [header, payload, signature] = token.split(".");
      const forged = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), roles: ["PLATFORM_ADMIN"] }),
      ).toString("base64url");
      await expectUnauthenticated(`${header}.${forged}.${signature}`);
      expect(user.roles).toEqual(["OWNER"]);
    });

    it("an expired token signed with the real key", async () => {
      const { user } = await registerUser(stack);
      const jwk = devKey();
      const key = await importJWK(jwk, "EdDSA");
      const expired = await new SignJWT(claims(user.id))
        .setProtectedHeader({ alg: "EdDSA", kid: jwk.kid! })
        .setIssuer("pawgraph-identity")
        .setAudience("pawgraph")
        .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
        .sign(key);
      await expectUnauthenticated(expired);
    });

    it("a token with an unknown kid", async () => {
      const { user } = await registerUser(stack);
      const { privateKey } = await generateKeyPair("EdDSA");
      const stranger = await new SignJWT(claims(user.id))
        .setProtectedHeader({ alg: "EdDSA", kid: "someone-elses-key" })
        .setIssuer("pawgraph-identity")
        .setAudience("pawgraph")
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(privateKey);
      await expectUnauthenticated(stranger);
    });

    it("garbage and a malformed header", async () => {
      await expectUnauthenticated("not.a.jwt");
      const response = await fetch(stack.gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Basic abc" },
        body: JSON.stringify({ query: "{ me { id } }" }),
      });
      expect(response.status).toBe(401);
      expect(
        ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
      ).toBe("UNAUTHENTICATED");
    });
  });
});

describe("roles", () => {
  it("a platform admin grants a clinic role, which the user's next token carries", async () => {
    // The admin address is an admin once registered and verified (adminToken does both when no other file has).
    await adminToken(stack);
    const admin = (await login(stack, ADMIN_EMAIL)).data!.login;
    if (admin.__typename !== "AuthPayload") throw new Error("admin could not sign in");
    expect(admin.user.roles).toContain("PLATFORM_ADMIN");
    const vet = await registerUser(stack, "vet");
    // A clinic still waiting for approval takes staff: they are set up before it opens (docs/decisions/0027).
    const { clinicId } = await registerClinic(stack, { approve: false });

    const noClinic = await execute(
      stack.gateway.url,
      GrantRoleDocument,
      { input: { userId: vet.user.id, role: "VET" } },
      admin.accessToken,
    );
    expect(onlyError(noClinic).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.clinicId" });
    const byOwner = await execute(
      stack.gateway.url,
      GrantRoleDocument,
      { input: { userId: vet.user.id, role: "VET", clinicId } },
      vet.token,
    );
    expect(onlyError(byOwner).extensions?.code).toBe("FORBIDDEN");
    const unknownUser = await execute(
      stack.gateway.url,
      GrantRoleDocument,
      { input: { userId: randomUUID(), role: "VET", clinicId } },
      admin.accessToken,
    );
    expect(onlyError(unknownUser).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.userId" });

    const granted = await execute(
      stack.gateway.url,
      GrantRoleDocument,
      { input: { userId: vet.user.id, role: "VET", clinicId } },
      admin.accessToken,
    );
    expect(granted.data?.grantRole).toEqual({
      id: vet.user.id,
      roles: ["OWNER", "VET"],
      clinicMemberships: [{ clinicId, role: "VET" }],
    });

    const refreshed = await execute(stack.gateway.url, RefreshSessionDocument, {
      input: { refreshToken: vet.refreshToken },
    });
    const token = refreshed.data!.refreshSession.accessToken;
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as {
      roles: string[];
      clinics: unknown[];
    };
    expect(claims).toMatchObject({ roles: ["OWNER", "VET"], clinics: [{ clinicId, role: "VET" }] });
    const me = await execute(stack.gateway.url, MeDocument, {}, token);
    expect(me.data?.me!.clinicMemberships).toEqual([{ clinicId, role: "VET" }]);
  });
});
