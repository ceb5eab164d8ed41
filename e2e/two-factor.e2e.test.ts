import { generate } from "otplib";
import {
  AddClinicServiceDocument,
  ClinicDocument,
  CreateApiKeyDocument,
  ConfirmTotpEnrolmentDocument,
  DisableTotpDocument,
  GrantRoleDocument,
  RefreshSessionDocument,
  RegenerateRecoveryCodesDocument,
  ReviewClinicDocument,
  StartTotpEnrolmentDocument,
  TwoFactorStatusDocument,
  UserTwoFactorStatusDocument,
  VerifyMfaDocument,
  type VerifyMfaInput,
} from "../clients/__generated__/graphql";
import {
  execute,
  login,
  onlyError,
  registerClinic,
  registerUser,
  registerVerifiedUser,
  startStack,
  uniqueEmail,
  type Stack,
} from "./harness";

let stack: Stack;
const mfaAdminEmail = uniqueEmail("mfa-admin");
const keyAdminEmail = uniqueEmail("key-admin");

beforeAll(async () => {
  // Platform admins must use two-factor sign-in on this stack; owners are not asked to.
  stack = await startStack({
    mfaRequiredRoles: ["PLATFORM_ADMIN", "CLINIC_ADMIN"],
    platformAdminEmails: [mfaAdminEmail, keyAdminEmail],
  });
});
afterAll(async () => {
  await stack.stop();
});

/**
 * The authenticator app: the code for the 30-second step `steps` after the one at `base` (seconds). A
 * person's flow takes its base once, so its codes are consecutive steps even across a step boundary.
 */
const codeAt = (secret: string, base: number, steps = 0) => generate({ secret, epoch: base + steps * 30 });
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A code that is none of the authenticator's codes around now. */
async function wrongCode(secret: string, base: number): Promise<string> {
  const near = await Promise.all([-1, 0, 1, 2].map((s) => codeAt(secret, base, s)));
  let n = Number(near[1]);
  do n = (n + 1) % 1_000_000;
  while (near.includes(String(n).padStart(6, "0")));
  return String(n).padStart(6, "0");
}

/** A new account with two-factor sign-in on: its secret, recovery codes, and the step its confirmation spent. */
async function enrolledUser(label: string) {
  const user = await registerUser(stack, label);
  const started = await execute(stack.gateway.url, StartTotpEnrolmentDocument, {}, user.token);
  const { secret, otpauthUri } = started.data!.startTotpEnrolment;
  const base = nowSeconds();
  const confirmed = await execute(
    stack.gateway.url,
    ConfirmTotpEnrolmentDocument,
    { input: { code: await codeAt(secret, base) } },
    user.token,
  );
  if (confirmed.data?.confirmTotpEnrolment.__typename !== "RecoveryCodes") throw new Error(JSON.stringify(confirmed));
  return { ...user, secret, otpauthUri, base, recoveryCodes: confirmed.data.confirmTotpEnrolment.recoveryCodes };
}

async function challengeFor(email: string): Promise<string> {
  const signedIn = (await login(stack, email)).data?.login;
  if (signedIn?.__typename !== "MfaRequired") throw new Error(`expected MfaRequired: ${JSON.stringify(signedIn)}`);
  return signedIn.challenge;
}

const verifyMfa = (input: VerifyMfaInput) => execute(stack.gateway.url, VerifyMfaDocument, { input });
const status = (token: string) => execute(stack.gateway.url, TwoFactorStatusDocument, {}, token);

describe("two-factor sign-in (TOTP) through the gateway", () => {
  it("enrols: a pending secret as an otpauth URI, confirmed by a code, answering ten recovery codes once", async () => {
    const user = await registerUser(stack, "tessa");
    expect((await status(user.token)).data?.me).toMatchObject({ twoFactorEnabled: false, mfaEnrolmentRequired: false });

    const started = (await execute(stack.gateway.url, StartTotpEnrolmentDocument, {}, user.token)).data!
      .startTotpEnrolment;
    expect(started.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(started.otpauthUri);
    expect(`${uri.protocol}//${uri.host}${decodeURIComponent(uri.pathname)}`).toBe(
      `otpauth://totp/Pawgraph:${user.email}`,
    );
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret: started.secret, issuer: "Pawgraph" });

    // Nothing is on until a code confirms it.
    expect((await status(user.token)).data?.me?.twoFactorEnabled).toBe(false);
    expect((await login(stack, user.email)).data?.login.__typename).toBe("AuthPayload");

    const base = nowSeconds();
    const wrong = await execute(
      stack.gateway.url,
      ConfirmTotpEnrolmentDocument,
      { input: { code: await wrongCode(started.secret, base) } },
      user.token,
    );
    expect(wrong.data?.confirmTotpEnrolment.__typename).toBe("InvalidMfaCodeError");

    const confirmed = await execute(
      stack.gateway.url,
      ConfirmTotpEnrolmentDocument,
      { input: { code: await codeAt(started.secret, base) } },
      user.token,
    );
    const codes = confirmed.data?.confirmTotpEnrolment;
    if (codes?.__typename !== "RecoveryCodes") throw new Error(JSON.stringify(confirmed));
    expect(codes.recoveryCodes).toHaveLength(10);
    expect(new Set(codes.recoveryCodes).size).toBe(10);
    for (const code of codes.recoveryCodes) expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect((await status(user.token)).data?.me?.twoFactorEnabled).toBe(true);

    // On once: starting again is refused rather than replacing the authenticator in use.
    const again = await execute(stack.gateway.url, StartTotpEnrolmentDocument, {}, user.token);
    expect(onlyError(again).extensions?.code).toBe("TWO_FACTOR_ALREADY_ENABLED");
  });

  it("signs in in two steps: login answers MfaRequired, verifyMfa with a code answers a working session; the code works once", async () => {
    const user = await enrolledUser("ulla");
    const challenge = await challengeFor(user.email);

    const code = await codeAt(user.secret, user.base, 1);
    const verified = await verifyMfa({ challenge, code });
    const session = verified.data?.verifyMfa;
    if (session?.__typename !== "AuthPayload") throw new Error(JSON.stringify(verified));
    expect(session.user).toEqual({
      id: user.user.id,
      displayName: user.user.displayName,
      email: user.email,
      roles: ["OWNER"],
    });
    expect((await status(session.accessToken)).data?.me).toMatchObject({ id: user.user.id, twoFactorEnabled: true });
    // The refresh token works like login's.
    const refreshed = await execute(stack.gateway.url, RefreshSessionDocument, {
      input: { refreshToken: session.refreshToken },
    });
    expect(refreshed.errors).toBeUndefined();

    // The challenge is spent.
    const reused = await verifyMfa({ challenge, code });
    expect(onlyError(reused).extensions).toMatchObject({ code: "MFA_CHALLENGE_INVALID", field: "input.challenge" });

    // The same code on a new challenge is a replay, and so is the code confirmation spent (an earlier step).
    const next = await challengeFor(user.email);
    expect((await verifyMfa({ challenge: next, code })).data?.verifyMfa).toEqual({
      __typename: "InvalidMfaCodeError",
      message: "The code is incorrect or was already used",
      attemptsLeft: 4,
    });
    expect(
      (await verifyMfa({ challenge: next, code: await codeAt(user.secret, user.base) })).data?.verifyMfa,
    ).toMatchObject({
      __typename: "InvalidMfaCodeError",
      attemptsLeft: 3,
    });

    // Exactly one second factor.
    const both = await verifyMfa({ challenge: next, code, recoveryCode: user.recoveryCodes[0] });
    expect(onlyError(both).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.code" });
  });

  it("takes a recovery code once", async () => {
    const user = await enrolledUser("vito");
    const recoveryCode = user.recoveryCodes[3]!;

    // Case and dashes do not matter.
    const first = await verifyMfa({
      challenge: await challengeFor(user.email),
      recoveryCode: recoveryCode.toLowerCase().replace(/-/g, " "),
    });
    expect(first.data?.verifyMfa.__typename).toBe("AuthPayload");

    const second = await verifyMfa({ challenge: await challengeFor(user.email), recoveryCode });
    expect(second.data?.verifyMfa).toMatchObject({ __typename: "InvalidMfaCodeError", attemptsLeft: 4 });

    // Another code of the same set still works.
    const other = await verifyMfa({ challenge: await challengeFor(user.email), recoveryCode: user.recoveryCodes[4]! });
    expect(other.data?.verifyMfa.__typename).toBe("AuthPayload");
  });

  it("limits wrong codes: a challenge dies at the fifth, and the account refuses codes after ten", async () => {
    const user = await enrolledUser("wanda");
    const wrong = await wrongCode(user.secret, user.base);
    const right = () => codeAt(user.secret, user.base, 1);

    const first = await challengeFor(user.email);
    const attemptsLeft: (number | null | undefined)[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = (await verifyMfa({ challenge: first, code: wrong })).data?.verifyMfa;
      attemptsLeft.push(answer?.__typename === "InvalidMfaCodeError" ? answer.attemptsLeft : undefined);
    }
    expect(attemptsLeft).toEqual([4, 3, 2, 1, 0]);
    // Dead: even the right code is refused on it.
    const dead = await verifyMfa({ challenge: first, code: await right() });
    expect(onlyError(dead).extensions?.code).toBe("MFA_CHALLENGE_INVALID");

    // A fresh challenge does not reset the account's budget (10 wrong codes per 15 minutes).
    const second = await challengeFor(user.email);
    for (let i = 0; i < 5; i++) await verifyMfa({ challenge: second, code: wrong });
    const third = await challengeFor(user.email);
    const limited = await verifyMfa({ challenge: third, code: await right() });
    expect(onlyError(limited).extensions).toMatchObject({ code: "RATE_LIMITED" });
    expect(onlyError(limited).extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("turns off only with a current code or a recovery code; new recovery codes need a code and replace the old", async () => {
    const user = await enrolledUser("xaver");
    const wrong = await execute(
      stack.gateway.url,
      DisableTotpDocument,
      { input: { code: await wrongCode(user.secret, user.base) } },
      user.token,
    );
    expect(wrong.data?.disableTotp.__typename).toBe("InvalidMfaCodeError");
    const none = await execute(stack.gateway.url, DisableTotpDocument, { input: {} }, user.token);
    expect(onlyError(none).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.code" });
    expect((await status(user.token)).data?.me?.twoFactorEnabled).toBe(true);

    const regenerated = await execute(
      stack.gateway.url,
      RegenerateRecoveryCodesDocument,
      { input: { code: await codeAt(user.secret, user.base, 1) } },
      user.token,
    );
    const fresh = regenerated.data?.regenerateRecoveryCodes;
    if (fresh?.__typename !== "RecoveryCodes") throw new Error(JSON.stringify(regenerated));
    expect(fresh.recoveryCodes).toHaveLength(10);
    const old = await execute(
      stack.gateway.url,
      DisableTotpDocument,
      { input: { recoveryCode: user.recoveryCodes[0] } },
      user.token,
    );
    expect(old.data?.disableTotp.__typename).toBe("InvalidMfaCodeError");

    const disabled = await execute(
      stack.gateway.url,
      DisableTotpDocument,
      { input: { recoveryCode: fresh.recoveryCodes[0] } },
      user.token,
    );
    expect(disabled.data?.disableTotp).toEqual({ __typename: "TwoFactorDisabled", twoFactorEnabled: false });
    expect((await status(user.token)).data?.me?.twoFactorEnabled).toBe(false);
    expect((await login(stack, user.email)).data?.login.__typename).toBe("AuthPayload");
  });

  it("leaves a required role out of an admin's sessions until they enrol (MFA_REQUIRED_ROLES=PLATFORM_ADMIN,CLINIC_ADMIN)", async () => {
    const admin = await registerVerifiedUser(stack, "mfa-admin", mfaAdminEmail);
    const { clinicId } = await registerClinic(stack, { approve: false });

    expect((await status(admin.token)).data?.me).toMatchObject({
      roles: ["OWNER", "PLATFORM_ADMIN"],
      twoFactorEnabled: false,
      mfaEnrolmentRequired: true,
    });
    // An admin mutation of another subgraph (bookings) says what is missing.
    const refused = await execute(
      stack.gateway.url,
      ReviewClinicDocument,
      { input: { clinicId, approve: true } },
      admin.token,
    );
    expect(onlyError(refused).extensions?.code).toBe("MFA_ENROLMENT_REQUIRED");

    // Enrolling works with the limited session; the next refresh carries the role.
    const secret = (await execute(stack.gateway.url, StartTotpEnrolmentDocument, {}, admin.token)).data!
      .startTotpEnrolment.secret;
    const confirmed = await execute(
      stack.gateway.url,
      ConfirmTotpEnrolmentDocument,
      { input: { code: await codeAt(secret, nowSeconds()) } },
      admin.token,
    );
    expect(confirmed.data?.confirmTotpEnrolment.__typename).toBe("RecoveryCodes");
    const refreshed = await execute(stack.gateway.url, RefreshSessionDocument, {
      input: { refreshToken: admin.refreshToken },
    });
    const token = refreshed.data!.refreshSession.accessToken;
    expect((await status(token)).data?.me).toMatchObject({ twoFactorEnabled: true, mfaEnrolmentRequired: false });
    const reviewed = await execute(
      stack.gateway.url,
      ReviewClinicDocument,
      { input: { clinicId, approve: true } },
      token,
    );
    expect(reviewed.errors).toBeUndefined();
    expect(reviewed.data?.reviewClinic.status).toBe("APPROVED");

    // A clinic admin (a role at one clinic) the same way: bookings answers MFA_ENROLMENT_REQUIRED until they enrol.
    const clinicAdmin = await registerUser(stack, "clinic-admin");
    const granted = await execute(
      stack.gateway.url,
      GrantRoleDocument,
      { input: { userId: clinicAdmin.user.id, role: "CLINIC_ADMIN", clinicId } },
      token,
    );
    expect(granted.errors).toBeUndefined();
    const clinicSession = (
      await execute(stack.gateway.url, RefreshSessionDocument, { input: { refreshToken: clinicAdmin.refreshToken } })
    ).data!.refreshSession;
    const addService = (accessToken: string) =>
      execute(
        stack.gateway.url,
        AddClinicServiceDocument,
        { input: { clinicId, name: "Consultation", durationMinutes: 30, priceCents: 4500, kind: "IN_PERSON" } },
        accessToken,
      );
    expect((await status(clinicSession.accessToken)).data?.me?.mfaEnrolmentRequired).toBe(true);
    expect(onlyError(await addService(clinicSession.accessToken)).extensions?.code).toBe("MFA_ENROLMENT_REQUIRED");
    const clinicSecret = (await execute(stack.gateway.url, StartTotpEnrolmentDocument, {}, clinicSession.accessToken))
      .data!.startTotpEnrolment.secret;
    await execute(
      stack.gateway.url,
      ConfirmTotpEnrolmentDocument,
      { input: { code: await codeAt(clinicSecret, nowSeconds()) } },
      clinicSession.accessToken,
    );
    const enrolled = (
      await execute(stack.gateway.url, RefreshSessionDocument, { input: { refreshToken: clinicSession.refreshToken } })
    ).data!.refreshSession;
    expect((await addService(enrolled.accessToken)).errors).toBeUndefined();

    // Owners are not asked to.
    const owner = await registerUser(stack, "yusuf");
    expect((await status(owner.token)).data?.me?.mfaEnrolmentRequired).toBe(false);
  });

  it("leaves a required role out of an API key's access too, until its owner enrols", async () => {
    const admin = await registerVerifiedUser(stack, "key-admin", keyAdminEmail);
    const { clinicId } = await registerClinic(stack, { approve: false });
    const created = await execute(
      stack.gateway.url,
      CreateApiKeyDocument,
      { input: { name: "Admin tooling", scopes: ["CLINICS_READ"] } },
      admin.token,
    );
    const key = created.data!.createApiKey.key;
    // An unapproved clinic is visible to platform admins only: not to an admin's key without two-factor.
    const viaKey = await execute(stack.gateway.url, ClinicDocument, { id: clinicId }, undefined, { "x-api-key": key });
    expect(onlyError(viaKey).extensions?.code).toBe("NOT_FOUND");
    expect(viaKey.data?.clinic ?? null).toBeNull();
    const viaSession = await execute(stack.gateway.url, ClinicDocument, { id: clinicId }, admin.token);
    expect(onlyError(viaSession).extensions?.code).toBe("NOT_FOUND");
  });

  it("shows twoFactorEnabled and mfaEnrolmentRequired to the user only", async () => {
    const user = await enrolledUser("zora");
    const other = await registerUser(stack, "zeno");
    const seenByOther = await execute(
      stack.gateway.url,
      UserTwoFactorStatusDocument,
      { id: user.user.id },
      other.token,
    );
    expect(seenByOther.data?.user).toEqual({ id: user.user.id, twoFactorEnabled: null, mfaEnrolmentRequired: null });
    const seenBySelf = await execute(stack.gateway.url, UserTwoFactorStatusDocument, { id: user.user.id }, user.token);
    expect(seenBySelf.data?.user).toEqual({ id: user.user.id, twoFactorEnabled: true, mfaEnrolmentRequired: false });
  });
});
