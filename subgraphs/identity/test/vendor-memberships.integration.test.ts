import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalJWKSet } from "jose";
import type { DataSource } from "typeorm";
import {
  AccessTokenVerifier,
  createEventBus,
  createLogger,
  openPgPool,
  type BaseContext,
  type DomainEvent,
  type EventBus,
  type Viewer,
} from "@pawgraph/subgraph-kit";
import { VENDOR_APPROVED, VENDOR_SUSPENDED } from "../src/consumed-events";
import { openIdentityDatabase } from "../src/data-source";
import { SigningKeys } from "../src/keys/signing-keys";
import { RevocationRepository } from "../src/revocation/revocation.repository";
import { RevocationService } from "../src/revocation/revocation.service";
import { TwoFactorRepository } from "../src/two-factor/two-factor.repository";
import { SessionService } from "../src/session/session.service";
import { AuthPayload } from "../src/session/session.type";
import { SIGN_IN_LIMIT_DEFAULTS, SignInLimiter } from "../src/session/sign-in-limiter";
import { UserRepository } from "../src/user/user.repository";
import { EmailVerificationRepository } from "../src/verification/email-verification.repository";
import { EmailVerificationService } from "../src/verification/email-verification.service";
import { VENDOR_EVENTS_CONSUMER, consumeVendorEvents } from "../src/vendor/vendor-events.consumer";
import { VendorMembershipRepository } from "../src/vendor/vendor-membership.repository";
import { VendorRole } from "../src/vendor/vendor-membership.type";
import { LastVendorAdminError, NoVerifiedAccountError } from "../src/vendor/vendor-staff.errors";
import { VendorStaffService } from "../src/vendor/vendor-staff.service";
import { createOwnDatabase } from "@pawgraph/subgraph-kit/src/testing/own-database";

// Vendor memberships against real Postgres: catalog's vendor events delivered through a real
// (Postgres) event bus into identity's consumer, the staff mutations' service, and the access token.
const log = createLogger("identity").child({}, { level: process.env.TEST_LOG ?? "silent" });
const PASSWORD = "correct horse battery staple 42";
let own: Awaited<ReturnType<typeof createOwnDatabase>>;
let db: DataSource;
let logReader: ReturnType<typeof openPgPool>;
let bus: EventBus;
let revocations: RevocationService;
let staff: VendorStaffService;
let sessions: SessionService;
let verifier: AccessTokenVerifier;
let limiter: SignInLimiter;
let passwordHash: string;

beforeAll(async () => {
  own = await createOwnDatabase("vendors");
  ({ dataSource: db } = await openIdentityDatabase(own.url, log));
  logReader = openPgPool({ connectionString: own.url, max: 1 }, log);
  const users = new UserRepository(db);
  const vendors = new VendorMembershipRepository(db);
  revocations = new RevocationService(new RevocationRepository(logReader), 900, 60_000, log);
  staff = new VendorStaffService(db, users, vendors, revocations);
  const keys = await SigningKeys.fromDevelopmentFile(join(mkdtempSync(join(tmpdir(), "identity-keys-")), "key.json"));
  verifier = new AccessTokenVerifier(createLocalJWKSet(keys.jwks), revocations.list);
  limiter = await SignInLimiter.create(
    { ...SIGN_IN_LIMIT_DEFAULTS, keyPrefix: `test:${randomUUID()}` },
    undefined,
    log,
  );
  const verification = new EmailVerificationService(
    db,
    new EmailVerificationRepository(),
    { tokenTtlHours: 24, resendIntervalSeconds: 60, maxEmailsPerDay: 5, registrationNoticeIntervalMinutes: 60 },
    [],
  );
  sessions = new SessionService(
    db,
    users,
    keys,
    { accessTokenTtlSeconds: 900, refreshTokenTtlDays: 30, mfaRequiredRoles: [], mfaChallengeTtlSeconds: 300 },
    verification,
    limiter,
    revocations,
    new TwoFactorRepository(),
  );
  passwordHash = await sessions.hashPassword(PASSWORD);
  bus = await createEventBus({ database: own.url, log });
  await consumeVendorEvents(bus, db, { users, vendors, revocations });
}, 60_000);

afterAll(async () => {
  await bus?.close();
  await limiter?.close();
  await logReader?.end();
  await db?.destroy();
  await own?.drop();
});

/** A user row: verified (the default), unverified, or locked. */
async function buildUser(
  overrides: { verified?: boolean; locked?: boolean } = {},
): Promise<{ id: string; email: string }> {
  const email = `u-${randomUUID()}@example.test`;
  const [row] = await db.query(
    `INSERT INTO identity.users (email, display_name, password_hash, roles, email_verified_at, locked_at)
     VALUES ($1, 'Someone', $2, '{OWNER}', $3, $4) RETURNING id`,
    [email, passwordHash, overrides.verified === false ? null : new Date(), overrides.locked ? new Date() : null],
  );
  return { id: row.id, email };
}

/** Signs in through identity's session service: the access token as every subgraph will read it. */
async function signIn(email: string): Promise<{ viewer: Viewer; token: string }> {
  const answer = await sessions.login(contextOf(null), { email, password: PASSWORD });
  if (!(answer instanceof AuthPayload)) throw new Error(`sign-in failed: ${JSON.stringify(answer)}`);
  return { viewer: await verifier.verify(answer.accessToken), token: answer.accessToken };
}

function contextOf(viewer: Viewer | null): BaseContext {
  return { viewer, requestId: randomUUID(), log, trustedCaller: false, clientIp: "192.0.2.1" };
}

/** Publishes the event the way catalog's relay will, and waits until identity's consumer applied it. */
async function deliver(event: DomainEvent): Promise<void> {
  await bus.publish([event]);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM identity.processed_events WHERE consumer = $1 AND event_id = $2`,
      [VENDOR_EVENTS_CONSUMER, event.id],
    );
    if (rows.length) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`event ${event.type} ${event.id} was not applied`);
}

function catalogEvent(type: string, vendorId: string, payload: Record<string, unknown>): DomainEvent {
  return { id: randomUUID(), type, aggregateId: vendorId, source: "catalog", occurredAt: new Date(), payload };
}

const approved = (vendorId: string, appliedBy: string) =>
  catalogEvent(VENDOR_APPROVED.type, vendorId, { vendorId, name: "Paws & Co", appliedBy, reviewedBy: randomUUID() });
const suspended = (vendorId: string, appliedBy: string) =>
  catalogEvent(VENDOR_SUSPENDED.type, vendorId, { vendorId, name: "Paws & Co", appliedBy, reason: "Fake reviews" });

async function rolesOf(userId: string): Promise<string[]> {
  const [row] = await db.query(`SELECT roles FROM identity.users WHERE id = $1`, [userId]);
  return row.roles;
}

async function membershipsOf(userId: string): Promise<{ vendor_id: string; role: string }[]> {
  return db.query(
    `SELECT vendor_id, role FROM identity.vendor_memberships WHERE user_id = $1 ORDER BY vendor_id, role`,
    [userId],
  );
}

/** An approved vendor and its applicant, signed in afterwards (their token carries VENDOR_ADMIN there). */
async function approvedVendor(): Promise<{ vendorId: string; admin: { id: string; email: string; viewer: Viewer } }> {
  const vendorId = randomUUID();
  const applicant = await buildUser();
  await deliver(approved(vendorId, applicant.id));
  return { vendorId, admin: { ...applicant, viewer: (await signIn(applicant.email)).viewer } };
}

describe("vendor.approved", () => {
  it("makes the applicant the vendor's VENDOR_ADMIN, and their next token says so", async () => {
    const vendorId = randomUUID();
    const applicant = await buildUser();
    await deliver(approved(vendorId, applicant.id));
    expect(await rolesOf(applicant.id)).toEqual(["OWNER", "VENDOR_ADMIN"]);
    expect(await membershipsOf(applicant.id)).toEqual([{ vendor_id: vendorId, role: "VENDOR_ADMIN" }]);
    const { viewer } = await signIn(applicant.email);
    expect(viewer).toMatchObject({
      roles: ["OWNER", "VENDOR_ADMIN"],
      memberships: [],
      vendorMemberships: [{ vendorId, role: "VENDOR_ADMIN" }],
    });
  });

  it("applies a redelivered event once, and skips an applicant this database does not hold", async () => {
    const vendorId = randomUUID();
    const applicant = await buildUser();
    const event = approved(vendorId, applicant.id);
    await deliver(event);
    await deliver(event);
    expect(await rolesOf(applicant.id)).toEqual(["OWNER", "VENDOR_ADMIN"]);
    const stranger = randomUUID();
    await deliver(approved(randomUUID(), stranger));
    expect(await membershipsOf(stranger)).toEqual([]);
  });
});

describe("addVendorStaff", () => {
  it("gives a verified account the role, found by its email in any case; their next token carries it", async () => {
    const { vendorId, admin } = await approvedVendor();
    const person = await buildUser();
    const answer = await staff.addStaff(contextOf(admin.viewer), {
      vendorId,
      email: ` ${person.email.toUpperCase()} `,
      role: VendorRole.VENDOR_STAFF,
    });
    expect(answer).toMatchObject({ vendorId, role: "VENDOR_STAFF", user: { id: person.id } });
    expect(await rolesOf(person.id)).toEqual(["OWNER", "VENDOR_STAFF"]);
    expect((await signIn(person.email)).viewer.vendorMemberships).toEqual([{ vendorId, role: "VENDOR_STAFF" }]);
    expect(await staff.staffOf(vendorId)).toEqual([admin.id, person.id].sort());
    expect(await staff.staffOf(vendorId, ["VENDOR_ADMIN"])).toEqual([admin.id]);
  });

  it("answers an unknown, an unverified and a locked address alike, and writes nothing", async () => {
    const { vendorId, admin } = await approvedVendor();
    const unverified = await buildUser({ verified: false });
    const locked = await buildUser({ locked: true });
    const answers = [];
    for (const email of [`nobody-${randomUUID()}@example.test`, unverified.email, locked.email])
      answers.push(await staff.addStaff(contextOf(admin.viewer), { vendorId, email, role: VendorRole.VENDOR_STAFF }));
    expect(answers.map((a) => a instanceof NoVerifiedAccountError)).toEqual([true, true, true]);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await staff.staffOf(vendorId)).toEqual([admin.id]);
  });

  it("is refused (FORBIDDEN) to staff, to another vendor's admin and to a token from before a removal", async () => {
    const { vendorId, admin } = await approvedVendor();
    const other = await approvedVendor();
    const member = await buildUser();
    await staff.addStaff(contextOf(admin.viewer), { vendorId, email: member.email, role: VendorRole.VENDOR_ADMIN });
    const memberToken = (await signIn(member.email)).viewer;
    const person = await buildUser();
    const tryAdd = (viewer: Viewer) =>
      staff.addStaff(contextOf(viewer), { vendorId, email: person.email, role: VendorRole.VENDOR_STAFF });
    await expect(tryAdd(other.admin.viewer)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The member's token says VENDOR_ADMIN, but they were removed since: the memberships decide.
    await staff.removeStaff(contextOf(admin.viewer), { vendorId, userId: member.id });
    await expect(tryAdd(memberToken)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const staffer = await buildUser();
    await staff.addStaff(contextOf(admin.viewer), { vendorId, email: staffer.email, role: VendorRole.VENDOR_STAFF });
    await expect(tryAdd((await signIn(staffer.email)).viewer)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      staff.addStaff(contextOf(admin.viewer), {
        vendorId: "not-an-id",
        email: person.email,
        role: VendorRole.VENDOR_STAFF,
      }),
    ).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "input.vendorId" });
    expect(await staff.staffOf(vendorId)).toEqual([admin.id, staffer.id].sort());
  });

  it("changes the role of someone who works there; a demotion ends their tokens; the last admin stays", async () => {
    const { vendorId, admin } = await approvedVendor();
    const colleague = await buildUser();
    await staff.addStaff(contextOf(admin.viewer), { vendorId, email: colleague.email, role: VendorRole.VENDOR_ADMIN });
    const before = (await signIn(colleague.email)).viewer;
    await staff.addStaff(contextOf(admin.viewer), { vendorId, email: colleague.email, role: VendorRole.VENDOR_STAFF });
    expect(await membershipsOf(colleague.id)).toEqual([{ vendor_id: vendorId, role: "VENDOR_STAFF" }]);
    expect(await rolesOf(colleague.id)).toEqual(["OWNER", "VENDOR_STAFF"]);
    expect(verifier.isRevoked(before)).toBe(true);
    const demoteSelf = await staff.addStaff(contextOf(admin.viewer), {
      vendorId,
      email: admin.email,
      role: VendorRole.VENDOR_STAFF,
    });
    expect(demoteSelf).toBeInstanceOf(LastVendorAdminError);
    expect(await membershipsOf(admin.id)).toEqual([{ vendor_id: vendorId, role: "VENDOR_ADMIN" }]);
  });
});

describe("removeVendorStaff", () => {
  it("takes the person's roles there away and ends their access tokens within the same call", async () => {
    const { vendorId, admin } = await approvedVendor();
    const elsewhere = await approvedVendor();
    const person = await buildUser();
    for (const [v, viewer] of [
      [vendorId, admin.viewer],
      [elsewhere.vendorId, elsewhere.admin.viewer],
    ] as const)
      await staff.addStaff(contextOf(viewer), { vendorId: v, email: person.email, role: VendorRole.VENDOR_STAFF });
    const token = (await signIn(person.email)).viewer;
    expect(verifier.isRevoked(token)).toBe(false);
    const answer = await staff.removeStaff(contextOf(admin.viewer), { vendorId, userId: person.id.toUpperCase() });
    expect(answer).toEqual({ vendorId, userId: person.id });
    expect(verifier.isRevoked(token)).toBe(true);
    // Still staff at the other vendor: the role stays, the membership here goes.
    expect(await membershipsOf(person.id)).toEqual([{ vendor_id: elsewhere.vendorId, role: "VENDOR_STAFF" }]);
    expect(await rolesOf(person.id)).toEqual(["OWNER", "VENDOR_STAFF"]);
    await staff.removeStaff(contextOf(elsewhere.admin.viewer), { vendorId: elsewhere.vendorId, userId: person.id });
    expect(await rolesOf(person.id)).toEqual(["OWNER"]);
  });

  it("answers NOT_FOUND for someone who does not work there, and keeps the last admin", async () => {
    const { vendorId, admin } = await approvedVendor();
    const stranger = await buildUser();
    await expect(staff.removeStaff(contextOf(admin.viewer), { vendorId, userId: stranger.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
      field: "input.userId",
    });
    await expect(staff.removeStaff(contextOf(admin.viewer), { vendorId, userId: randomUUID() })).rejects.toMatchObject({
      code: "NOT_FOUND",
      field: "input.userId",
    });
    expect(await staff.removeStaff(contextOf(admin.viewer), { vendorId, userId: admin.id })).toBeInstanceOf(
      LastVendorAdminError,
    );
    expect(await rolesOf(admin.id)).toEqual(["OWNER", "VENDOR_ADMIN"]);
  });

  it("is refused (FORBIDDEN) to another vendor's admin, who learns nothing of the staff", async () => {
    const { vendorId, admin } = await approvedVendor();
    const other = await approvedVendor();
    await expect(
      staff.removeStaff(contextOf(other.admin.viewer), { vendorId, userId: admin.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await staff.staffOf(vendorId)).toEqual([admin.id]);
  });
});

describe("vendor.suspended", () => {
  it("removes everyone's roles at the vendor and ends their access tokens; other vendors' roles stay", async () => {
    const { vendorId, admin } = await approvedVendor();
    const elsewhere = await approvedVendor();
    const person = await buildUser();
    await staff.addStaff(contextOf(admin.viewer), { vendorId, email: person.email, role: VendorRole.VENDOR_STAFF });
    await staff.addStaff(contextOf(elsewhere.admin.viewer), {
      vendorId: elsewhere.vendorId,
      email: person.email,
      role: VendorRole.VENDOR_ADMIN,
    });
    const tokens = [admin.viewer, (await signIn(person.email)).viewer];
    await deliver(suspended(vendorId, admin.id));
    expect(await staff.staffOf(vendorId)).toEqual([]);
    expect(await rolesOf(admin.id)).toEqual(["OWNER"]);
    expect(await rolesOf(person.id)).toEqual(["OWNER", "VENDOR_ADMIN"]);
    // `deliver` waits for the consumer's commit; the list it then refreshes is read here once more, as
    // the consumer's own refresh may still be on its way (seen on Node 24 under load).
    await revocations.published();
    expect(tokens.map((t) => verifier.isRevoked(t))).toEqual([true, true]);
    // A new sign-in carries what is left.
    expect((await signIn(person.email)).viewer.vendorMemberships).toEqual([
      { vendorId: elsewhere.vendorId, role: "VENDOR_ADMIN" },
    ]);
    expect((await signIn(admin.email)).viewer).toMatchObject({ roles: ["OWNER"], vendorMemberships: [] });
    await expect(
      staff.addStaff(contextOf(admin.viewer), { vendorId, email: person.email, role: VendorRole.VENDOR_STAFF }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
