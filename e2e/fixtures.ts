import { randomUUID } from "node:crypto";
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import type { GraphQLFormattedError } from "graphql";
import { Client as PgClient } from "pg";
import {
  CreateClinicDocument,
  type CreateClinicInput,
  CreatePetDocument,
  GrantRecordAccessDocument,
  GrantRoleDocument,
  LoginDocument,
  RefreshSessionDocument,
  RegisterDocument,
  ReviewClinicDocument,
  VerifyEmailDocument,
  type CreatePetInput,
  type CreatePetMutation,
  type Role,
} from "../clients/__generated__/graphql";
import { execute, type GraphQLResponse } from "./graphql-client";
import { ADMIN_EMAIL, type Stack } from "./stack";

/* Fixture builders: accounts, pets and clinics made through the gateway, as a client makes them. */

export const PASSWORD = "a long enough passphrase";

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

/**
 * Registers a fresh account through the gateway, then signs in (`register` answers the same for new
 * and taken addresses, without a session); returns the session. Its address is not verified.
 */
export async function registerUser(stack: Stack, label = "owner", email = uniqueEmail(label)) {
  const result = await execute(stack.gateway.url, RegisterDocument, {
    input: { email, password: PASSWORD, displayName: `${label} ${email.slice(-17, -13)}` },
  });
  if (result.data?.register.__typename !== "RegistrationAccepted")
    throw new Error(`register failed: ${JSON.stringify(result)}`);
  const signedIn = (await login(stack, email)).data?.login;
  if (signedIn?.__typename !== "AuthPayload")
    throw new Error(`sign-in after register failed: ${JSON.stringify(signedIn)}`);
  return { email, token: signedIn.accessToken, refreshToken: signedIn.refreshToken, user: signedIn.user };
}

/**
 * The newest verification token identity issued for `email`, read from identity's outbox event: the
 * very payload messaging turns into the verification email. Test stacks on the run's shared database
 * neither consume events nor send mail, so tests about something else (carers, health emails) take
 * the token where the mail path takes it; e2e/email-verification.e2e.test.ts goes through the real
 * mail path (messaging consuming the event, SMTP) instead.
 */
export async function verificationTokenFromOutbox(stack: Pick<Stack, "databaseUrl">, email: string): Promise<string> {
  const db = new PgClient({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ token: string }>(
      `SELECT payload->>'token' AS token FROM identity.outbox WHERE type = 'user.email_verification_requested' AND payload->>'email' = $1 ORDER BY seq DESC LIMIT 1`,
      [email.toLowerCase()],
    );
    if (!rows[0]) throw new Error(`no verification email for ${email} in identity's outbox`);
    return rows[0].token;
  } finally {
    await db.end();
  }
}

/** registerUser, with the address verified (token from identity's outbox, see above) and a session whose token says so. */
export async function registerVerifiedUser(stack: Stack, label = "owner", email = uniqueEmail(label)) {
  const user = await registerUser(stack, label, email);
  const verified = await execute(stack.gateway.url, VerifyEmailDocument, {
    input: { token: await verificationTokenFromOutbox(stack, email) },
  });
  if (!verified.data) throw new Error(`verifyEmail failed: ${JSON.stringify(verified.errors)}`);
  const refreshed = await execute(stack.gateway.url, RefreshSessionDocument, {
    input: { refreshToken: user.refreshToken },
  });
  if (!refreshed.data) throw new Error(`refresh failed: ${JSON.stringify(refreshed.errors)}`);
  return {
    ...user,
    token: refreshed.data.refreshSession.accessToken,
    refreshToken: refreshed.data.refreshSession.refreshToken,
  };
}

export async function login(stack: Stack, email: string, password = PASSWORD) {
  return execute(stack.gateway.url, LoginDocument, { input: { email, password } });
}

/** The single error of a response, for assertions. */
export function onlyError(response: GraphQLResponse<unknown>): GraphQLFormattedError {
  expect(response.errors).toHaveLength(1);
  return response.errors![0]!;
}

/** A platform admin's access token (the admin account is registered on first use). */
export async function adminToken(stack: Stack): Promise<string> {
  let signedIn = (await login(stack, ADMIN_EMAIL)).data?.login;
  if (signedIn?.__typename !== "AuthPayload" || !signedIn.user.roles.includes("PLATFORM_ADMIN")) {
    await execute(stack.gateway.url, RegisterDocument, {
      input: { email: ADMIN_EMAIL, password: PASSWORD, displayName: "Platform Admin" },
    });
    // The address becomes an admin when verified; another test file may have verified it already.
    const verified = await execute(stack.gateway.url, VerifyEmailDocument, {
      input: { token: await verificationTokenFromOutbox(stack, ADMIN_EMAIL) },
    });
    if (verified.errors && verified.errors[0]?.extensions?.code !== "VERIFICATION_TOKEN_USED")
      throw new Error(`admin verification failed: ${JSON.stringify(verified.errors)}`);
    signedIn = (await login(stack, ADMIN_EMAIL)).data?.login;
  }
  if (signedIn?.__typename !== "AuthPayload") throw new Error(`admin sign-in failed: ${JSON.stringify(signedIn)}`);
  return signedIn.accessToken;
}

/** The pet `createPet` answered, or a thrown error (a refusal, or another union member such as MicrochipTakenError). */
export function createdPet(
  result: GraphQLResponse<CreatePetMutation>,
): Extract<CreatePetMutation["createPet"], { __typename: "Pet" }> {
  const created = result.data?.createPet;
  if (created?.__typename !== "Pet") throw new Error(`createPet failed: ${JSON.stringify(result.errors ?? created)}`);
  return created;
}

/** Fixture builder: a new pet of the signed-in user (`token`), a dog named Rex unless `input` says otherwise. */
export async function createPet(stack: Pick<Stack, "gateway">, token: string, input: Partial<CreatePetInput> = {}) {
  return createdPet(
    await execute(stack.gateway.url, CreatePetDocument, { input: { name: "Rex", species: "DOG", ...input } }, token),
  );
}

/**
 * A microchip number no other test has used: a chip belongs to one living pet, and test files share
 * the run's database (and, on a server's database, earlier runs' pets). 15 digits, ISO 11784 style.
 */
export function uniqueMicrochip(): string {
  return `9${randomUUID().replace(/\D/g, "").padEnd(14, "0").slice(0, 14)}`;
}

/**
 * Fixture builder: a clinic registered through the gateway by a new user, approved by the platform
 * admin unless `approve` is false (PENDING). Other subgraphs check clinic ids with bookings before
 * storing them (docs/decisions/0027), so a test needs a real clinic, not a random id.
 */
export async function registerClinic(
  stack: Stack,
  options: { approve?: boolean; name?: string; clinic?: Partial<CreateClinicInput> } = {},
): Promise<{ clinicId: string; creator: Awaited<ReturnType<typeof registerUser>> }> {
  const creator = await registerUser(stack, "clinic-founder");
  const created = await execute(
    stack.gateway.url,
    CreateClinicDocument,
    {
      input: {
        name: options.name ?? `Clinic ${randomUUID().slice(0, 6)}`,
        addressLine: "Hauptstraße 1",
        city: "Berlin",
        postalCode: "10115",
        country: "DE",
        latitude: 52.52,
        longitude: 13.405,
        timeZone: "Europe/Berlin",
        ...options.clinic,
      },
    },
    creator.token,
  );
  if (!created.data) throw new Error(`createClinic failed: ${JSON.stringify(created.errors)}`);
  const clinicId = created.data.createClinic.id;
  if (options.approve !== false) {
    const reviewed = await execute(
      stack.gateway.url,
      ReviewClinicDocument,
      { input: { clinicId, approve: true } },
      await adminToken(stack),
    );
    if (reviewed.errors) throw new Error(`reviewClinic failed: ${JSON.stringify(reviewed.errors)}`);
  }
  return { clinicId, creator };
}

/** A new user holding a clinic role (VET by default) at `clinicId`, with a token that carries it. */
export async function registerClinicMember(stack: Stack, clinicId: string, role: Role = "VET") {
  const member = await registerUser(stack, role.toLowerCase());
  const granted = await execute(
    stack.gateway.url,
    GrantRoleDocument,
    { input: { userId: member.user.id, role, clinicId } },
    await adminToken(stack),
  );
  if (granted.errors) throw new Error(`grantRole failed: ${JSON.stringify(granted.errors)}`);
  const refreshed = await execute(stack.gateway.url, RefreshSessionDocument, {
    input: { refreshToken: member.refreshToken },
  });
  if (!refreshed.data) throw new Error(`refresh failed: ${JSON.stringify(refreshed.errors)}`);
  return {
    ...member,
    token: refreshed.data.refreshSession.accessToken,
    refreshToken: refreshed.data.refreshSession.refreshToken,
  };
}

/** An owner, their pet (a dog named Rex unless `pet` says otherwise), a clinic granted access to its record, and a vet working there. */
export async function ownerPetAndVet(stack: Stack, pet: Partial<CreatePetInput> = {}) {
  const owner = await registerUser(stack, "owner");
  const petId = (await createPet(stack, owner.token, pet)).id;
  const { clinicId } = await registerClinic(stack);
  const vet = await registerClinicMember(stack, clinicId, "VET");
  const grant = await execute(
    stack.gateway.url,
    GrantRecordAccessDocument,
    { input: { petId, clinicId } },
    owner.token,
  );
  if (!grant.data) throw new Error(`grantRecordAccess failed: ${JSON.stringify(grant.errors)}`);
  return { owner, petId, clinicId, vet, grantId: grant.data.grantRecordAccess.id };
}

/**
 * Runs ehr's reminder job once as its own OS process, the way cron or a second instance would, on the
 * stack's database; returns how many reminder.due events it wrote.
 */
export async function runReminderJob(stack: Pick<Stack, "databaseUrl">): Promise<number> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["-r", "@swc-node/register", "src/run-reminder-job.ts"],
    {
      cwd: resolve(__dirname, "../subgraphs/ehr"),
      env: { ...process.env, DATABASE_URL: stack.databaseUrl, LOG_LEVEL: "error" },
    },
  );
  return (JSON.parse(stdout.trim().split("\n").pop()!) as { written: number }).written;
}
