import { randomUUID } from "node:crypto";
import { Client as PgClient } from "pg";
import {
  AddCarerDocument,
  AddHomeNoteDocument,
  CreatePetDocument,
  GrantRecordAccessDocument,
  GrantRoleDocument,
  MeDocument,
  MyPetsDocument,
  NotificationsDocument,
  PetDocument,
  PetHealthTimelineDocument,
  RecordVaccinationDocument,
  RefreshSessionDocument,
  RegisterDocument,
  ResendVerificationEmailDocument,
  UpdateNotificationPreferencesDocument,
  VerifyEmailDocument,
} from "../clients/__generated__/graphql";
import {
  createdPet,
  createPet,
  eventually,
  execute,
  login,
  onlyError,
  PASSWORD,
  registerClinic,
  registerClinicMember,
  registerUser,
  startStack,
  uniqueEmail,
  type Stack,
} from "./harness";
import { mailSubject, mailText, startSmtpServer } from "./smtp";

let stack: Stack;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let db: PgClient;
/** A PLATFORM_ADMIN_EMAILS address of this file's stack that nobody has registered yet. */
const BOOTSTRAP_ADMIN = uniqueEmail("bootstrap-admin");

beforeAll(async () => {
  smtp = await startSmtpServer();
  // The real mail path: identity's outbox → event bus → messaging → SMTP. Its own database and event
  // stream, so no other file's events queue mail in front of these.
  stack = await startStack({
    ownDatabase: true,
    platformAdminEmails: [BOOTSTRAP_ADMIN],
    messaging: {
      smtpUrl: smtp.url,
      mailFrom: "Pawgraph <accounts@pawgraph.test>",
      consumeEvents: true,
      deliveryEnabled: true,
      verifyEmailUrl: "https://app.pawgraph.test/verify-email",
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

/** The token in the newest verification email to `email` (after `seen` of them), as the person would copy it. */
async function tokenFromMail(email: string, seen = 0): Promise<{ token: string; text: string }> {
  const toThem = () =>
    smtp.mails.filter((m) => m.to.includes(email) && mailSubject(m) === "Confirm your email address for Pawgraph");
  await smtp.waitFor(() => toThem().length > seen, 10_000);
  const text = mailText(toThem()[seen]!);
  const token = /Or enter this code in the app: (\S+)/.exec(text)?.[1];
  if (!token) throw new Error(`no code in: ${text}`);
  return { token, text };
}

async function register(email: string, password = PASSWORD, displayName = "Someone") {
  return execute(stack.gateway.url, RegisterDocument, { input: { email, password, displayName } });
}

async function session(email: string, password = PASSWORD) {
  const signedIn = (await login(stack, email, password)).data?.login;
  if (signedIn?.__typename !== "AuthPayload") throw new Error(JSON.stringify(signedIn));
  return signedIn;
}

describe("email verification through the gateway", () => {
  it("register answers a taken address exactly like a new one; the address's owner gets a notice instead", async () => {
    const email = uniqueEmail("maria");
    const first = await register(email, PASSWORD, "Maria");
    expect(first).toEqual({
      status: 200,
      data: {
        register: {
          __typename: "RegistrationAccepted",
          email,
          message:
            "Check your inbox: we sent an email to this address. Follow its link to confirm the address, then sign in.",
        },
      },
    });
    const again = await register(email.toUpperCase(), "another long passphrase", "Mallory");
    expect(again).toEqual(first);
    // A third address nobody has: the same answer but for the address it names.
    const other = uniqueEmail("nobody");
    expect(await register(other)).toEqual({ ...first, data: { register: { ...first.data!.register, email: other } } });

    const notice = await smtp.waitFor(
      (m) => m.to.includes(email) && mailSubject(m) === "Someone tried to register with your email address",
      10_000,
    );
    expect(notice.from).toBe("accounts@pawgraph.test");
    expect(mailText(notice)).toContain("Hello Maria");
    expect(mailText(notice)).toContain("No new account was created");
    // The attempt changed nothing: Maria's password still works, the other one does not.
    expect((await session(email)).user.displayName).toBe("Maria");
    expect((await login(stack, email, "another long passphrase")).data?.login.__typename).toBe(
      "InvalidCredentialsError",
    );
    // A second attempt within the hour tells her nothing more (register cannot flood her inbox).
    await register(email, "yet another passphrase!", "Mallory");
    await tokenFromMail(other); // mail sent after the second attempt's event has been delivered too
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      smtp.mails
        .filter((m) => m.to.includes(email))
        .map(mailSubject)
        .sort(),
    ).toEqual(["Confirm your email address for Pawgraph", "Someone tried to register with your email address"]);
  });

  it("a pet shared with an address before it has an account opens to it only once the address is verified by the emailed link", async () => {
    const owner = await registerUser(stack, "owner");
    const pet = await execute(
      stack.gateway.url,
      CreatePetDocument,
      { input: { name: "Luna", species: "CAT" } },
      owner.token,
    );
    const petId = createdPet(pet).id;
    await execute(
      stack.gateway.url,
      AddHomeNoteDocument,
      { input: { petId, text: "Itchy ears, drops twice a day" } },
      owner.token,
    );
    const carerEmail = uniqueEmail("carer");
    const shared = await execute(
      stack.gateway.url,
      AddCarerDocument,
      { input: { petId, email: carerEmail } },
      owner.token,
    );
    expect(shared.data?.addCarer).toMatchObject({ email: carerEmail, active: true });

    // Whoever registers the address can sign in, but sees neither the pet nor its health record.
    expect((await register(carerEmail)).data?.register.__typename).toBe("RegistrationAccepted");
    const unverified = await session(carerEmail);
    expect((await execute(stack.gateway.url, MeDocument, {}, unverified.accessToken)).data?.me).toMatchObject({
      email: carerEmail,
      emailVerified: false,
    });
    expect(
      onlyError(await execute(stack.gateway.url, PetDocument, { id: petId }, unverified.accessToken)).extensions?.code,
    ).toBe("NOT_FOUND");
    expect(
      onlyError(await execute(stack.gateway.url, PetHealthTimelineDocument, { id: petId }, unverified.accessToken))
        .extensions?.code,
    ).toBe("NOT_FOUND");
    expect((await execute(stack.gateway.url, MyPetsDocument, {}, unverified.accessToken)).data?.myPets!.edges).toEqual(
      [],
    );

    // The email's link carries the token; the code it shows is the same token.
    const { token, text } = await tokenFromMail(carerEmail);
    expect(text).toContain(`https://app.pawgraph.test/verify-email?token=${token}`);
    const verified = await execute(stack.gateway.url, VerifyEmailDocument, { input: { token } });
    expect(verified).toEqual({
      status: 200,
      data: { verifyEmail: { email: carerEmail, user: { id: unverified.user.id, displayName: "Someone" } } },
    });

    // The token issued before says nothing about verification; the refreshed one does.
    const refreshed = await execute(stack.gateway.url, RefreshSessionDocument, {
      input: { refreshToken: unverified.refreshToken },
    });
    const carerToken = refreshed.data!.refreshSession.accessToken;
    expect((await execute(stack.gateway.url, MeDocument, {}, carerToken)).data?.me!.emailVerified).toBe(true);
    expect((await execute(stack.gateway.url, PetDocument, { id: petId }, carerToken)).data?.pet).toMatchObject({
      name: "Luna",
      myRelationship: "CARER",
    });
    const timeline = await execute(stack.gateway.url, PetHealthTimelineDocument, { id: petId }, carerToken);
    expect(timeline.errors).toBeUndefined();
    expect(timeline.data?.pet!.healthTimeline!.edges.map((e) => e.node.kind)).toEqual(["HOME_NOTE"]);
  });

  it("wrong, reused and expired tokens are coded errors on input.token; a new link is rate-limited", async () => {
    const wrong = await execute(stack.gateway.url, VerifyEmailDocument, { input: { token: randomUUID() } });
    expect(onlyError(wrong)).toMatchObject({
      message: "This verification link is not valid",
      extensions: { code: "INVALID_VERIFICATION_TOKEN", field: "input.token" },
    });

    const email = uniqueEmail("reuse");
    await register(email);
    const { token } = await tokenFromMail(email);
    expect((await execute(stack.gateway.url, VerifyEmailDocument, { input: { token } })).data?.verifyEmail.email).toBe(
      email,
    );
    const reused = await execute(stack.gateway.url, VerifyEmailDocument, { input: { token } });
    expect(onlyError(reused).extensions).toMatchObject({ code: "VERIFICATION_TOKEN_USED", field: "input.token" });
    // Verified already: nothing to resend.
    const done = await session(email);
    expect(
      (await execute(stack.gateway.url, ResendVerificationEmailDocument, {}, done.accessToken)).data
        ?.resendVerificationEmail,
    ).toEqual({ email, sent: false });

    const late = uniqueEmail("late");
    await register(late);
    const { token: stale } = await tokenFromMail(late);
    const lateSession = await session(late);
    // The clock moves past the link's 24 hours (and past the minute between two emails).
    await db.query(
      `UPDATE identity.email_verification_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [lateSession.user.id],
    );
    const expired = await execute(stack.gateway.url, VerifyEmailDocument, { input: { token: stale } });
    expect(onlyError(expired).extensions).toMatchObject({ code: "VERIFICATION_TOKEN_EXPIRED", field: "input.token" });

    const tooSoon = await execute(stack.gateway.url, ResendVerificationEmailDocument, {}, lateSession.accessToken);
    expect(onlyError(tooSoon).extensions).toMatchObject({ code: "RATE_LIMITED" });
    expect(onlyError(tooSoon).extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(onlyError(tooSoon).extensions?.retryAfterSeconds).toBeLessThanOrEqual(60);
    await db.query(
      `UPDATE identity.email_verification_tokens SET created_at = created_at - interval '2 minutes' WHERE user_id = $1`,
      [lateSession.user.id],
    );
    expect(
      (await execute(stack.gateway.url, ResendVerificationEmailDocument, {}, lateSession.accessToken)).data
        ?.resendVerificationEmail,
    ).toEqual({ email: late, sent: true });
    const { token: fresh } = await tokenFromMail(late, 1);
    expect(
      (await execute(stack.gateway.url, VerifyEmailDocument, { input: { token: fresh } })).data?.verifyEmail.email,
    ).toBe(late);
    // Verifying spent every other link of the account.
    expect(
      onlyError(await execute(stack.gateway.url, VerifyEmailDocument, { input: { token: stale } })).extensions?.code,
    ).toBe("VERIFICATION_TOKEN_USED");
  });

  it("health notifications are emailed only to a verified address; the app shows them either way", async () => {
    const owner = await registerUser(stack, "owner");
    const petId = (await createPet(stack, owner.token)).id;
    await execute(
      stack.gateway.url,
      UpdateNotificationPreferencesDocument,
      { input: { preferences: [{ type: "VACCINATION_RECORDED", channel: "EMAIL", enabled: true }] } },
      owner.token,
    );
    const { clinicId } = await registerClinic(stack);
    const vet = await registerClinicMember(stack, clinicId);
    await execute(stack.gateway.url, GrantRecordAccessDocument, { input: { petId, clinicId } }, owner.token);
    const vaccinate = (vaccine: string) =>
      execute(stack.gateway.url, RecordVaccinationDocument, { input: { petId, vaccination: { vaccine } } }, vet.token);

    expect((await vaccinate("Rabies")).errors).toBeUndefined();
    const inbox = await eventually(
      () => execute(stack.gateway.url, NotificationsDocument, {}, owner.token),
      (r) => r.data?.unreadNotificationCount === 1,
      10_000,
    );
    expect(inbox.data?.notifications!.edges.map((e) => e.node.type)).toEqual(["VACCINATION_RECORDED"]);
    const skipped = await eventually(
      async () =>
        (
          await db.query<{ status: string }>(
            `SELECT d.status FROM messaging.notification_deliveries d JOIN messaging.notifications n ON n.id = d.notification_id WHERE n.user_id = $1 AND d.channel = 'EMAIL'`,
            [owner.user.id],
          )
        ).rows,
      (rows) => rows.length === 1 && rows[0]!.status !== "PENDING" && rows[0]!.status !== "SENDING",
      10_000,
    );
    expect(skipped).toEqual([{ status: "SKIPPED" }]);
    expect(smtp.mails.filter((m) => m.to.includes(owner.email)).map(mailSubject)).toEqual([
      "Confirm your email address for Pawgraph",
    ]);

    const { token } = await tokenFromMail(owner.email);
    await execute(stack.gateway.url, VerifyEmailDocument, { input: { token } });
    expect((await vaccinate("Leptospirosis")).errors).toBeUndefined();
    const mail = await smtp.waitFor(
      (m) => m.to.includes(owner.email) && mailSubject(m) === "Vaccination recorded",
      10_000,
    );
    expect(mailText(mail)).toContain("Leptospirosis for Rex");
  });
  it("an address in PLATFORM_ADMIN_EMAILS is a platform admin only once its owner has verified it", async () => {
    // Whoever registers the bootstrap address first gets an ordinary account, not the platform.
    expect((await register(BOOTSTRAP_ADMIN, PASSWORD, "Early Bird")).data?.register.__typename).toBe(
      "RegistrationAccepted",
    );
    const early = await session(BOOTSTRAP_ADMIN);
    expect(early.user.roles).toEqual(["OWNER"]);
    const someone = await registerUser(stack, "someone");
    const grant = await execute(
      stack.gateway.url,
      GrantRoleDocument,
      { input: { userId: someone.user.id, role: "PLATFORM_ADMIN" } },
      early.accessToken,
    );
    expect(onlyError(grant).extensions?.code).toBe("FORBIDDEN");

    // The address's owner follows the emailed link: now the account is an admin.
    const { token } = await tokenFromMail(BOOTSTRAP_ADMIN);
    expect((await execute(stack.gateway.url, VerifyEmailDocument, { input: { token } })).errors).toBeUndefined();
    const refreshed = await execute(stack.gateway.url, RefreshSessionDocument, {
      input: { refreshToken: early.refreshToken },
    });
    expect(refreshed.data?.refreshSession.user.roles).toEqual(["OWNER", "PLATFORM_ADMIN"]);
  });
});
