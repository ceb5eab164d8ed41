import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { Client as PgClient } from "pg";
import {
  ApiKeyUsageDocument,
  CategoryTreeDocument,
  ChangePasswordDocument,
  CreateApiKeyDocument,
  HoldSlotDocument,
  MeDocument,
  MeWithPetsDocument,
  MyApiKeysDocument,
  MyPetsDocument,
  RevokeApiKeyDocument,
  type ApiKeyScope,
} from "../clients/__generated__/graphql";
import { berlin, bookSlot, buildClinic, ownerWithPet } from "./bookings-fixtures";
import {
  adminToken,
  eventually,
  execute,
  jwksUrlOf,
  onlyError,
  PASSWORD,
  post,
  registerUser,
  registerVerifiedUser,
  startStack,
  startTestGateway,
  subgraphUrls,
  type GraphQLResponse,
  type Stack,
} from "./harness";

let stack: Stack;
let db: PgClient;

beforeAll(async () => {
  // Usage is reported every 200 ms here (2 s by default), so the counts show without a long wait.
  stack = await startStack({ apiKeyUsageFlushMs: 200 });
  db = new PgClient({ connectionString: stack.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db.end();
  await stack.stop();
});

const today = () => new Date().toISOString().slice(0, 10);

/** A verified developer with a key of these scopes. */
async function developerWithKey(scopes: ApiKeyScope[], expiresAt?: string) {
  const developer = await registerVerifiedUser(stack, "developer");
  const created = await execute(
    stack.gateway.url,
    CreateApiKeyDocument,
    { input: { name: "My integration", scopes, expiresAt } },
    developer.token,
  );
  if (!created.data) throw new Error(`createApiKey failed: ${JSON.stringify(created.errors)}`);
  return { developer, key: created.data.createApiKey.key, apiKey: created.data.createApiKey.apiKey };
}

/** Runs a typed operation with the key in `x-api-key`, as a third-party app would. */
function withKey<TResult, TVariables>(
  key: string,
  document: Parameters<typeof execute<TResult, TVariables>>[1],
  variables?: TVariables,
): Promise<GraphQLResponse<TResult>> {
  return execute(stack.gateway.url, document, variables, undefined, { "x-api-key": key });
}

describe("creating a key", () => {
  it("shows the key once, keeps only its hash, and lists it by its prefix", async () => {
    const { developer, key, apiKey } = await developerWithKey(["CATALOG_READ"]);
    expect(key).toMatch(/^pk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({
      name: "My integration",
      prefix: key.slice(3, 11),
      scopes: ["CATALOG_READ"],
      expiresAt: null,
      revokedAt: null,
      lastUsedOn: null,
    });

    const listed = await execute(stack.gateway.url, MyApiKeysDocument, {}, developer.token);
    expect(listed.data?.myApiKeys).toEqual([apiKey]);
    expect(JSON.stringify(listed)).not.toContain(key);

    const { rows } = await db.query(`SELECT * FROM identity.api_keys WHERE id = $1`, [apiKey.id]);
    expect(rows[0].key_hash).toBe(createHash("sha256").update(key).digest("hex"));
    expect(JSON.stringify(rows[0])).not.toContain(key.slice(3));
  });

  it("needs a verified address, a known scope and an expiry in the future", async () => {
    const unverified = await registerUser(stack, "unverified-developer");
    const refused = await execute(
      stack.gateway.url,
      CreateApiKeyDocument,
      { input: { name: "Too early", scopes: ["CATALOG_READ"] } },
      unverified.token,
    );
    expect(onlyError(refused).extensions?.code).toBe("FORBIDDEN");

    const developer = await registerVerifiedUser(stack, "developer");
    const past = await execute(
      stack.gateway.url,
      CreateApiKeyDocument,
      { input: { name: "Expired already", scopes: ["CATALOG_READ"], expiresAt: "2020-01-01T00:00:00.000Z" } },
      developer.token,
    );
    expect(onlyError(past).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.expiresAt" });
    const noScope = await execute(
      stack.gateway.url,
      CreateApiKeyDocument,
      { input: { name: "Nothing", scopes: [] } },
      developer.token,
    );
    expect(onlyError(noScope).extensions).toMatchObject({ code: "BAD_USER_INPUT" });
  });
});

describe("using a key", () => {
  it("identity trades keys and takes usage only from callers with the gateway secret", async () => {
    const { key, apiKey } = await developerWithKey(["CATALOG_READ"]);
    const ask = (path: string, body: unknown) =>
      fetch(new URL(path, stack.identity.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await ask("/internal/api-keys/access", { key })).status).toBe(403);
    const usage = { usage: [{ keyId: apiKey.id, day: today(), requests: 1000 }] };
    expect((await ask("/internal/api-keys/usage", usage)).status).toBe(403);
  });

  it("works in `x-api-key` and in `Authorization: Bearer`, acting as its owner", async () => {
    const { developer, key } = await developerWithKey(["CATALOG_READ"]);
    const inHeader = await withKey(key, MeDocument);
    expect(inHeader.errors).toBeUndefined();
    expect(inHeader.data?.me).toMatchObject({ id: developer.user.id, email: developer.email });
    const asBearer = await execute(stack.gateway.url, MeDocument, {}, key);
    expect(asBearer.data?.me?.id).toBe(developer.user.id);

    const both = await execute(stack.gateway.url, MeDocument, {}, developer.token, { "x-api-key": key });
    expect(onlyError(both).extensions?.code).toBe("UNAUTHENTICATED");
    const unknown = await withKey(`pk_${"x".repeat(43)}`, MeDocument);
    expect(onlyError(unknown)).toMatchObject({
      message: "This API key is not valid",
      extensions: { code: "UNAUTHENTICATED" },
    });
  });

  it("a CATALOG_READ key reads the catalog but cannot book or read pets", async () => {
    const { key } = await developerWithKey(["CATALOG_READ"]);
    const catalog = await withKey(key, CategoryTreeDocument);
    expect(catalog.errors).toBeUndefined();
    expect(Array.isArray(catalog.data?.categories)).toBe(true);

    const hold = await withKey(key, HoldSlotDocument, {
      input: {
        clinicId: "00000000-0000-4000-8000-000000000001",
        serviceId: "00000000-0000-4000-8000-000000000002",
        vetId: "00000000-0000-4000-8000-000000000003",
        startsAt: berlin(2, "10:00"),
      },
    });
    expect(hold.status).toBe(403);
    expect(hold.data ?? null).toBeNull();
    expect(onlyError(hold).extensions).toEqual({ code: "FORBIDDEN", field: "holdSlot", scopes: ["CATALOG_READ"] });

    const pets = await withKey(key, MyPetsDocument, { first: 5 });
    expect(onlyError(pets).extensions).toMatchObject({ code: "FORBIDDEN", field: "myPets" });
    // Nor by way of a field the key may use.
    const mine = await withKey(key, MeWithPetsDocument);
    expect(onlyError(mine).extensions).toMatchObject({ code: "FORBIDDEN", field: "User.pets" });
  });

  it("a BOOKINGS_WRITE and PETS_READ key books for its owner", async () => {
    const clinic = await buildClinic(stack);
    const { owner, petId } = await ownerWithPet(stack, "DOG", { verified: true });
    const created = await execute(
      stack.gateway.url,
      CreateApiKeyDocument,
      { input: { name: "Booking app", scopes: ["PETS_READ", "BOOKINGS_WRITE"] } },
      owner.token,
    );
    const key = created.data!.createApiKey.key;
    const pets = await withKey(key, MyPetsDocument, { first: 5 });
    expect(pets.data?.myPets?.edges.map((e) => e.node.id)).toEqual([petId]);
    // The key as a bearer token, through the same fixture a signed-in owner books with.
    const booking = await bookSlot(stack, { token: key }, petId, clinic, clinic.vets[0]!.user.id, berlin(3, "10:00"));
    expect(booking).toMatchObject({ __typename: "Booking", status: "CONFIRMED" });
  });

  it("a key can neither manage keys nor touch the account", async () => {
    const { developer, key, apiKey } = await developerWithKey(["CATALOG_READ", "PETS_READ", "BOOKINGS_WRITE"]);
    const create = await withKey(key, CreateApiKeyDocument, { input: { name: "Another", scopes: ["CATALOG_READ"] } });
    expect(onlyError(create).extensions).toMatchObject({ code: "FORBIDDEN", field: "createApiKey" });
    const revoke = await withKey(key, RevokeApiKeyDocument, { input: { id: apiKey.id } });
    expect(onlyError(revoke).extensions).toMatchObject({ code: "FORBIDDEN", field: "revokeApiKey" });
    const list = await withKey(key, MyApiKeysDocument);
    expect(onlyError(list).extensions).toMatchObject({ code: "FORBIDDEN", field: "myApiKeys" });
    const password = await withKey(key, ChangePasswordDocument, {
      input: { currentPassword: PASSWORD, newPassword: "an entirely new passphrase" },
    });
    expect(onlyError(password).extensions).toMatchObject({ code: "FORBIDDEN", field: "changePassword" });
    const still = await execute(stack.gateway.url, MyApiKeysDocument, {}, developer.token);
    expect(still.data?.myApiKeys).toHaveLength(1);
  });
});

describe("keys that stop working", () => {
  it("an expired key is refused", async () => {
    const { key, apiKey } = await developerWithKey(["CATALOG_READ"], new Date(Date.now() + 3_600_000).toISOString());
    await db.query(`UPDATE identity.api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [apiKey.id]);
    const refused = await withKey(key, CategoryTreeDocument);
    expect(onlyError(refused)).toMatchObject({
      message: "This API key has expired",
      extensions: { code: "UNAUTHENTICATED" },
    });
  });

  it("a revoked key is refused within 5 seconds, though it was just used", async () => {
    const { developer, key, apiKey } = await developerWithKey(["CATALOG_READ"]);
    expect((await withKey(key, CategoryTreeDocument)).errors).toBeUndefined();
    const revoked = await execute(
      stack.gateway.url,
      RevokeApiKeyDocument,
      { input: { id: apiKey.id } },
      developer.token,
    );
    expect(revoked.data?.revokeApiKey.apiKey.revokedAt).toEqual(expect.any(String));
    const since = Date.now();
    const refused = await eventually(
      () => withKey(key, CategoryTreeDocument),
      (r) => r.errors?.[0]?.extensions?.code === "UNAUTHENTICATED",
      6_000,
    );
    expect(onlyError(refused).extensions?.code).toBe("UNAUTHENTICATED");
    expect(Date.now() - since).toBeLessThan(5_000);
    const listed = await execute(stack.gateway.url, MyApiKeysDocument, {}, developer.token);
    expect(listed.data?.myApiKeys).toEqual([]);
  });
  it("a password change revokes the account's keys: one a thief made does not outlive it", async () => {
    const { developer, key } = await developerWithKey(["CATALOG_READ"]);
    expect((await withKey(key, CategoryTreeDocument)).errors).toBeUndefined();
    const changed = await execute(
      stack.gateway.url,
      ChangePasswordDocument,
      { input: { currentPassword: PASSWORD, newPassword: "an entirely new passphrase" } },
      developer.token,
    );
    if (changed.data?.changePassword.__typename !== "AuthPayload") throw new Error(JSON.stringify(changed));
    const refused = await eventually(
      () => withKey(key, CategoryTreeDocument),
      (r) => r.errors?.[0]?.extensions?.code === "UNAUTHENTICATED",
    );
    expect(onlyError(refused).extensions?.code).toBe("UNAUTHENTICATED");
    const listed = await execute(stack.gateway.url, MyApiKeysDocument, {}, changed.data.changePassword.accessToken);
    expect(listed.data?.myApiKeys).toEqual([]);
  });
});

describe("usage", () => {
  it("counts each request with a key per day, for the key's owner only", async () => {
    const { developer, key, apiKey } = await developerWithKey(["CATALOG_READ"]);
    await withKey(key, CategoryTreeDocument);
    await execute(stack.gateway.url, CategoryTreeDocument, {}, key);
    await withKey(key, MyPetsDocument, { first: 1 }); // refused by its scopes, and still a request
    const day = today();
    const usage = await eventually(
      () => execute(stack.gateway.url, ApiKeyUsageDocument, { keyId: apiKey.id, from: day, to: day }, developer.token),
      (r) => r.data?.apiKeyUsage?.[0]?.requests === 3,
    );
    expect(usage.data?.apiKeyUsage).toEqual([{ day, requests: 3 }]);
    const listed = await execute(stack.gateway.url, MyApiKeysDocument, {}, developer.token);
    expect(listed.data?.myApiKeys?.[0]?.lastUsedOn).toBe(day);

    const someoneElse = await registerVerifiedUser(stack, "someone-else");
    const theirs = await execute(
      stack.gateway.url,
      ApiKeyUsageDocument,
      { keyId: apiKey.id, from: day, to: day },
      someoneElse.token,
    );
    expect(onlyError(theirs).extensions).toMatchObject({ code: "NOT_FOUND", field: "keyId" });
  });
});

describe("the front door's rules hold for keys as for everyone", () => {
  const MANIFEST = resolve(__dirname, "../clients/__generated__/persisted-documents.json");
  const idOf = (document: object) => (document as { __meta__?: { hash?: string } }).__meta__!.hash!;

  it("trusted documents: a key runs the apps' documents by id, and no admin privilege passes to it", async () => {
    const gateway = await startTestGateway(subgraphUrls(stack), jwksUrlOf(stack), {
      trustedDocuments: { mode: "require", manifestPaths: [MANIFEST] },
    });
    try {
      const { key } = await developerWithKey(["CATALOG_READ"]);
      const byId = await post(gateway.url, { documentId: idOf(CategoryTreeDocument) }, undefined, { "x-api-key": key });
      expect(byId.errors).toBeUndefined();
      const text = { query: "{ categories { id } }" };
      const arbitrary = await post(gateway.url, text, undefined, { "x-api-key": key });
      expect(onlyError(arbitrary).extensions?.code).toBe("TRUSTED_DOCUMENT_REQUIRED");

      // A platform admin may send any document; an app holding the admin's key may not.
      const admin = await adminToken(stack);
      expect((await post(gateway.url, text, admin)).errors).toBeUndefined();
      const adminKey = await execute(
        stack.gateway.url,
        CreateApiKeyDocument,
        { input: { name: "Admin's script", scopes: ["CATALOG_READ"] } },
        admin,
      );
      const refused = await post(gateway.url, text, adminKey.data!.createApiKey.key);
      expect(onlyError(refused).extensions?.code).toBe("TRUSTED_DOCUMENT_REQUIRED");
    } finally {
      await gateway.stop();
    }
  });

  it("each key spends a cost budget of its own, the size of a person's", async () => {
    const gateway = await startTestGateway(subgraphUrls(stack), jwksUrlOf(stack), {
      limits: { viewerCostPerMinute: 100, ipCostPerMinute: 1_000_000 },
    });
    try {
      const { developer, key } = await developerWithKey(["CATALOG_READ"]);
      const second = await execute(
        stack.gateway.url,
        CreateApiKeyDocument,
        { input: { name: "Second app", scopes: ["CATALOG_READ"] } },
        developer.token,
      );
      const query = { query: "{ searchProducts(first: 20) { edges { node { id } } } }" };
      const spend = (headers: Record<string, string>, token?: string) => post(gateway.url, query, token, headers);
      // A budget of 100 lasts a few of these, then the key is refused for the rest of the minute.
      let answered = await spend({ "x-api-key": key });
      let served = 0;
      while (!answered.errors && served < 20) {
        served += 1;
        answered = await spend({ "x-api-key": key });
      }
      expect(served).toBeGreaterThan(0);
      expect(answered.status).toBe(429);
      expect(onlyError(answered).extensions).toMatchObject({ code: "RATE_LIMITED", scope: "viewer" });
      // The owner's other key and their own session count apart.
      expect((await spend({ "x-api-key": second.data!.createApiKey.key })).errors).toBeUndefined();
      expect((await spend({}, developer.token)).errors).toBeUndefined();
    } finally {
      await gateway.stop();
    }
  });
});
