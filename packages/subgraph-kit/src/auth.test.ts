import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type JWTVerifyGetKey } from "jose";
import {
  AccessTokenVerifier,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  authChecker,
  isVendorMember,
  vendorRoleOf,
  type Viewer,
} from "./auth";
import { createLogger } from "./logger";
import { RevocationList, type RevocationEntry } from "./revocation";

async function setup(revocations?: RevocationList) {
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { extractable: true });
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "EdDSA" }] });
  let keyLookups = 0;
  const counting: JWTVerifyGetKey = (header, token) => {
    keyLookups++;
    return jwks(header, token);
  };
  const sign = (expiresInSeconds: number, claims: Record<string, unknown> = {}) =>
    new SignJWT({ email: "a@example.test", roles: ["OWNER"], clinics: [], sid: "session-1", ver: 0, ...claims })
      .setProtectedHeader({ alg: "EdDSA", kid: "k1" })
      .setSubject("user-1")
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
      .sign(privateKey);
  return { verifier: new AccessTokenVerifier(counting, revocations), sign, lookups: () => keyLookups };
}

describe("AccessTokenVerifier", () => {
  it("checks a token's signature once, then answers from memory", async () => {
    const { verifier, sign, lookups } = await setup();
    const token = await sign(60);
    const first = await verifier.verify(token);
    const second = await verifier.verify(token);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ userId: "user-1", roles: ["OWNER"] });
    expect(lookups()).toBe(1);
  });

  it("reads email_verified: only a literal true means verified", async () => {
    const { verifier, sign } = await setup();
    await expect(verifier.verify(await sign(60, { email_verified: true }))).resolves.toMatchObject({
      email: "a@example.test",
      emailVerified: true,
    });
    await expect(verifier.verify(await sign(60, { email_verified: "true" }))).resolves.toMatchObject({
      emailVerified: false,
    });
    await expect(verifier.verify(await sign(60))).resolves.toMatchObject({ emailVerified: false });
  });

  it("still refuses a remembered token once it expires", async () => {
    const { verifier, sign } = await setup();
    // `exp` has whole-second precision: start just after a second turns so the token surely has
    // about a second left when first checked (a token signed at x.999 s would expire at once).
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
    const token = await sign(1);
    await expect(verifier.verify(token)).resolves.toMatchObject({ userId: "user-1" });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("does not remember rejected tokens", async () => {
    const { verifier, sign, lookups } = await setup();
    const token = await sign(60);
    const forged = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    await expect(verifier.verify(forged)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(verifier.verify(forged)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(lookups()).toBe(2);
  });

  it("refuses a token once its session is revoked, even one it remembers", async () => {
    const log: RevocationEntry[] = [];
    const revocations = new RevocationList(
      async () => ({ entries: log.splice(0), cursor: null, more: false, reset: false }),
      1_000,
      createLogger("test"),
    );
    const { verifier, sign } = await setup(revocations);
    const token = await sign(60);
    await expect(verifier.verify(token)).resolves.toMatchObject({
      userId: "user-1",
      sessionId: "session-1",
      sessionVersion: 0,
    });
    log.push({
      id: "1",
      userId: "user-1",
      sessionId: "session-1",
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    await revocations.refresh();
    await expect(verifier.verify(token)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: "This session has ended; sign in again",
    });
  });

  it("reads vendor memberships from the `vendors` claim, dropping malformed entries and unknown roles", async () => {
    const { verifier, sign } = await setup();
    const viewer = await verifier.verify(
      await sign(60, {
        clinics: [{ clinicId: "c1", role: "VET" }],
        vendors: [
          { vendorId: "v1", role: "VENDOR_ADMIN" },
          { vendorId: "v2", role: "VENDOR_STAFF" },
          { vendorId: "v3", role: "SUPREME_LEADER" },
          { vendorId: 42, role: "VENDOR_ADMIN" },
          { role: "VENDOR_ADMIN" },
          null,
        ],
      }),
    );
    expect(viewer.memberships).toEqual([{ clinicId: "c1", role: "VET" }]);
    expect(viewer.vendorMemberships).toEqual([
      { vendorId: "v1", role: "VENDOR_ADMIN" },
      { vendorId: "v2", role: "VENDOR_STAFF" },
    ]);
  });

  it("reads no vendor memberships from a token without a `vendors` claim, or with one that is not a list", async () => {
    const { verifier, sign } = await setup();
    await expect(verifier.verify(await sign(60))).resolves.toMatchObject({ vendorMemberships: [] });
    await expect(
      verifier.verify(await sign(60, { vendors: { vendorId: "v1", role: "VENDOR_ADMIN" } })),
    ).resolves.toMatchObject({ vendorMemberships: [] });
  });
});

describe("roles withheld until two-factor sign-in (mfa_withheld)", () => {
  const check = (viewer: Viewer, roles: Viewer["roles"]) =>
    (authChecker as (data: unknown, roles: Viewer["roles"]) => boolean)({ context: { viewer } }, roles);

  it("reads the claim, keeping known roles only", async () => {
    const { verifier, sign } = await setup();
    await expect(
      verifier.verify(await sign(60, { mfa_withheld: ["PLATFORM_ADMIN", "EMPEROR", 7] })),
    ).resolves.toMatchObject({ roles: ["OWNER"], mfaWithheldRoles: ["PLATFORM_ADMIN"] });
    expect((await verifier.verify(await sign(61))).mfaWithheldRoles).toBeUndefined();
  });

  it("refuses a withheld role with MFA_ENROLMENT_REQUIRED and any other missing role with FORBIDDEN", () => {
    const viewer: Viewer = {
      userId: "u1",
      email: "a@example.test",
      emailVerified: true,
      roles: ["OWNER"],
      memberships: [],
      vendorMemberships: [],
      mfaWithheldRoles: ["PLATFORM_ADMIN"],
    };
    expect(() => check(viewer, ["PLATFORM_ADMIN"])).toThrow(
      expect.objectContaining({ code: "MFA_ENROLMENT_REQUIRED" }),
    );
    expect(() => check(viewer, ["VENDOR_ADMIN"])).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(check(viewer, ["OWNER"])).toBe(true);
    expect(check(viewer, [])).toBe(true);
  });
});

describe("vendor membership helpers", () => {
  const viewer: Viewer = {
    userId: "u1",
    email: "u1@example.test",
    emailVerified: true,
    roles: ["OWNER", "VENDOR_ADMIN", "VENDOR_STAFF"],
    memberships: [],
    vendorMemberships: [
      { vendorId: "11111111-1111-1111-1111-111111111111", role: "VENDOR_STAFF" },
      { vendorId: "11111111-1111-1111-1111-111111111111", role: "VENDOR_ADMIN" },
      { vendorId: "22222222-2222-2222-2222-222222222222", role: "VENDOR_STAFF" },
    ],
  };

  it("vendorRoleOf gives the strongest role held at that vendor, or null", () => {
    expect(vendorRoleOf(viewer, "11111111-1111-1111-1111-111111111111")).toBe("VENDOR_ADMIN");
    expect(vendorRoleOf(viewer, "22222222-2222-2222-2222-222222222222")).toBe("VENDOR_STAFF");
    expect(vendorRoleOf(viewer, "33333333-3333-3333-3333-333333333333")).toBeNull();
    expect(vendorRoleOf(null, "11111111-1111-1111-1111-111111111111")).toBeNull();
  });

  it("vendorRoleOf and isVendorMember compare ids case-insensitively", () => {
    expect(vendorRoleOf(viewer, "22222222-2222-2222-2222-222222222222".toUpperCase())).toBe("VENDOR_STAFF");
    expect(isVendorMember(viewer, "11111111-1111-1111-1111-111111111111".toUpperCase(), ["VENDOR_ADMIN"])).toBe(true);
  });

  it("isVendorMember checks the role at that vendor, not the platform role", () => {
    expect(isVendorMember(viewer, "22222222-2222-2222-2222-222222222222")).toBe(true);
    expect(isVendorMember(viewer, "22222222-2222-2222-2222-222222222222", ["VENDOR_ADMIN"])).toBe(false);
    expect(isVendorMember(viewer, "33333333-3333-3333-3333-333333333333")).toBe(false);
    expect(isVendorMember(null, "22222222-2222-2222-2222-222222222222")).toBe(false);
  });
});
