import type { Client } from "graphql-ws";
import { SignJWT, importJWK, type JWK } from "jose";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SUBSCRIPTION_INTERRUPTED, SUBSCRIPTION_SCHEMA_RELOADED, TOO_MANY_SUBSCRIPTIONS } from "@pawgraph/gateway";
import { dataDir } from "@pawgraph/subgraph-kit";
import {
  ConversationUpdatedDocument,
  DeleteMessageDocument,
  EditMessageDocument,
  MessageAddedDocument,
  MessageUpdatedDocument,
  PetsByIdsDocument,
  SendMessageDocument,
} from "../clients/__generated__/graphql";
import {
  jwksUrlOf,
  subgraphUrls,
  eventually,
  execute,
  registerClinic,
  registerClinicMember,
  registerUser,
  restartMessaging,
  startStack,
  startTestGateway,
  type Stack,
} from "./harness";
import { closedWith, openSocket, settle, subscribe } from "./ws";
import { startedConversation } from "./messaging-fixtures";

let stack: Stack;
const sockets: Client[] = [];
beforeAll(async () => {
  stack = await startStack();
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.dispose()));
});
afterAll(() => stack.stop());

function socket(token?: string): Client {
  const client = openSocket(stack.gateway.wsUrl, token);
  sockets.push(client);
  return client;
}

const conversationSetup = () => startedConversation(stack);

describe("subscriptions at the gateway (graphql-ws on /graphql)", () => {
  it("owner and vet chat live; the payload carries the sender from identity and the pet from pets", async () => {
    const { owner, vet, conversationId, petId, petName } = await conversationSetup();
    // The clinic sees the pet once pets has taken messaging's conversation.started event.
    await eventually(
      () => execute(stack.gateway.url, PetsByIdsDocument, { ids: [petId] }, vet.token),
      (r) => r.data?.pets?.[0] != null,
    );
    const ownerLive = subscribe(socket(owner.token), MessageAddedDocument, { conversationId });
    const vetLive = subscribe(socket(vet.token), MessageAddedDocument, { conversationId });
    await settle();
    await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "Please come in tomorrow at 10." } },
      vet.token,
    );
    const seen = await ownerLive.nth(1);
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.messageAdded).toMatchObject({
      conversationId,
      text: "Please come in tomorrow at 10.",
      sender: { id: vet.user.id, displayName: vet.user.displayName },
      conversation: { id: conversationId, subject: "Limping", pet: { id: petId, name: petName, species: "DOG" } },
    });
    const vetSeen = await vetLive.nth(1);
    expect(vetSeen.errors).toBeUndefined();
    expect(vetSeen.data?.messageAdded).toMatchObject({
      text: "Please come in tomorrow at 10.",
      conversation: { pet: { id: petId, name: petName, species: "DOG" } },
    });
    await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "We will be there." } },
      owner.token,
    );
    expect((await vetLive.nth(2)).data?.messageAdded).toMatchObject({
      text: "We will be there.",
      sender: { displayName: owner.user.displayName },
    });
    // The sender's own sockets get their message too (other devices stay in sync), once.
    expect((await ownerLive.nth(2)).data?.messageAdded.text).toBe("We will be there.");
    await settle(300);
    expect(ownerLive.results).toHaveLength(2);
  });

  it("messageUpdated tells the other side when a message is edited or deleted; strangers get NOT_FOUND", async () => {
    const { owner, vet, conversationId } = await conversationSetup();
    const sent = await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "See you at 10." } },
      owner.token,
    );
    const messageId = sent.data!.sendMessage.id;
    const vetLive = subscribe(socket(vet.token), MessageUpdatedDocument, { conversationId });
    const stranger = subscribe(socket((await registerUser(stack, "stranger")).token), MessageUpdatedDocument, {
      conversationId,
    });
    await settle();
    await execute(
      stack.gateway.url,
      EditMessageDocument,
      { input: { messageId, text: "See you at 11." } },
      owner.token,
    );
    expect((await vetLive.nth(1)).data?.messageUpdated).toEqual({
      id: messageId,
      text: "See you at 11.",
      edited: true,
      deleted: false,
    });
    await execute(stack.gateway.url, DeleteMessageDocument, { input: { messageId } }, owner.token);
    expect((await vetLive.nth(2)).data?.messageUpdated).toEqual({
      id: messageId,
      text: null,
      edited: true,
      deleted: true,
    });
    expect((await stranger.nth(1)).errors?.[0]?.extensions).toMatchObject({
      code: "NOT_FOUND",
      field: "conversationId",
    });
    expect(stranger.results).toHaveLength(1);
  });

  it("conversationUpdated tells the owner and the clinic's staff, with unread counts per person", async () => {
    const { owner, vet, conversationId } = await conversationSetup();
    const ownerList = subscribe(socket(owner.token), ConversationUpdatedDocument);
    const vetList = subscribe(socket(vet.token), ConversationUpdatedDocument);
    await settle();
    await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "Any news?" } },
      owner.token,
    );
    expect((await vetList.nth(1)).data?.conversationUpdated).toMatchObject({ id: conversationId, unreadCount: 2 });
    expect((await ownerList.nth(1)).data?.conversationUpdated).toMatchObject({ id: conversationId, unreadCount: 0 });
  });

  it("someone outside the conversation cannot subscribe to it and never receives its messages", async () => {
    const { owner, conversationId } = await conversationSetup();
    const stranger = await registerUser(stack, "stranger");
    const otherVet = await registerClinicMember(stack, (await registerClinic(stack)).clinicId, "VET");
    const strangers = [
      subscribe(socket(stranger.token), MessageAddedDocument, { conversationId }),
      subscribe(socket(otherVet.token), MessageAddedDocument, { conversationId }),
    ];
    for (const live of strangers) {
      const first = await live.nth(1);
      expect(first.data).toBeNull();
      expect(first.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "conversationId" });
      await expect(live.ended).resolves.toEqual({ completed: true });
    }
    await execute(stack.gateway.url, SendMessageDocument, { input: { conversationId, text: "private" } }, owner.token);
    await settle(500);
    for (const live of strangers) expect(live.results).toHaveLength(1);
  });

  it("a missing or bad token closes the socket with 4401", async () => {
    expect((await closedWith(stack.gateway.wsUrl, {})).code).toBe(4401);
    expect((await closedWith(stack.gateway.wsUrl, { authorization: "Bearer not-a-token" })).code).toBe(4401);
  });

  it("malformed documents fail that operation only; the socket keeps serving the others", async () => {
    const { owner, conversationId } = await conversationSetup();
    const client = socket(owner.token);
    const broken = subscribe(client, "subscription { messageAdded(conversationId: ");
    const unknown = subscribe(client, "subscription { noSuchField }");
    const badVariable = subscribe(client, MessageAddedDocument, { conversationId: 42 as unknown as string });
    for (const [live, code] of [
      [broken, "GRAPHQL_PARSE_FAILED"],
      [unknown, "GRAPHQL_VALIDATION_FAILED"],
    ] as const) {
      const outcome = (await live.ended) as { error: { extensions?: { code?: string } }[] };
      expect(outcome.error[0]?.extensions?.code).toBe(code);
    }
    const bad = await badVariable.nth(1);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    const good = subscribe(client, MessageAddedDocument, { conversationId });
    await settle();
    await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "still here" } },
      owner.token,
    );
    expect((await good.nth(1)).data?.messageAdded.text).toBe("still here");
  });

  it("upstream sockets are shared: many clients' subscriptions use one connection to messaging", async () => {
    const { owner, vet, conversationId } = await conversationSetup();
    const lives = Array.from({ length: 5 }, (_, i) =>
      subscribe(socket(i % 2 ? vet.token : owner.token), MessageAddedDocument, { conversationId }),
    );
    await settle();
    expect(stack.gateway.upstream.size).toBe(1);
    await execute(stack.gateway.url, SendMessageDocument, { input: { conversationId, text: "to all" } }, owner.token);
    for (const live of lives) expect((await live.nth(1)).data?.messageAdded.text).toBe("to all");
    // The shared socket closes a few seconds after its last subscription ends.
    for (const live of lives) live.unsubscribe();
    expect(
      await eventually(
        async () => stack.gateway.upstream.size,
        (size) => size === 0,
        8_000,
      ),
    ).toBe(0);
  });

  it("an expired token ends the subscriptions it authorised and refuses new ones", async () => {
    const { owner, conversationId } = await conversationSetup();
    const shortLived = await signToken(owner.user.id, 2);
    const client = socket(shortLived);
    const live = subscribe(client, MessageAddedDocument, { conversationId });
    await settle();
    await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "before expiry" } },
      owner.token,
    );
    expect((await live.nth(1)).data?.messageAdded.text).toBe("before expiry");
    const outcome = (await live.ended) as { error: { extensions?: { code?: string } }[] };
    expect(outcome.error[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const again = subscribe(client, MessageAddedDocument, { conversationId });
    expect(((await again.ended) as { error: { extensions?: { code?: string } }[] }).error[0]?.extensions?.code).toBe(
      "UNAUTHENTICATED",
    );
    await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "after expiry" } },
      owner.token,
    );
    await settle();
    expect(live.results).toHaveLength(1);
  });

  it("clients are told when messaging restarts (SUBSCRIPTION_INTERRUPTED) and can subscribe again", async () => {
    const { owner, vet, conversationId } = await conversationSetup();
    const client = socket(owner.token);
    const live = subscribe(client, MessageAddedDocument, { conversationId });
    await settle();
    await restartMessaging(stack);
    const outcome = (await live.ended) as { error: { extensions?: { code?: string; service?: string } }[] };
    expect(outcome.error[0]?.extensions).toMatchObject({ code: SUBSCRIPTION_INTERRUPTED, service: "messaging" });
    const again = subscribe(client, MessageAddedDocument, { conversationId });
    await settle();
    await execute(stack.gateway.url, SendMessageDocument, { input: { conversationId, text: "back again" } }, vet.token);
    expect((await again.nth(1)).data?.messageAdded.text).toBe("back again");
  });

  it("one connection runs a bounded number of operations; past it, that operation fails and the rest go on", async () => {
    const { owner, vet, conversationId } = await conversationSetup();
    const urls = subgraphUrls(stack);
    const gateway = await startTestGateway(urls, jwksUrlOf(stack), {
      maxOperationsPerSocket: 3,
    });
    try {
      const client = openSocket(gateway.wsUrl, owner.token);
      sockets.push(client);
      const lives = Array.from({ length: 3 }, () => subscribe(client, MessageAddedDocument, { conversationId }));
      await settle();
      const refused = subscribe(client, MessageAddedDocument, { conversationId });
      const outcome = (await refused.ended) as { error: { extensions?: Record<string, unknown> }[] };
      expect(outcome.error[0]?.extensions).toEqual({ code: TOO_MANY_SUBSCRIPTIONS, limit: 3 });
      lives[0]!.unsubscribe();
      await settle(100);
      const replacement = subscribe(client, MessageAddedDocument, { conversationId });
      await settle();
      await execute(gateway.url, SendMessageDocument, { input: { conversationId, text: "within bounds" } }, vet.token);
      for (const live of [lives[1]!, lives[2]!, replacement])
        expect((await live.nth(1)).data?.messageAdded.text).toBe("within bounds");
      expect(lives[0]!.results).toHaveLength(0);
    } finally {
      await gateway.stop();
    }
  });

  it("a recomposed supergraph ends live subscriptions with SUBSCRIPTION_SCHEMA_RELOADED; new ones work on the new schema", async () => {
    const { owner, vet, conversationId } = await conversationSetup();
    const dir = mkdtempSync(join(tmpdir(), "pawgraph-supergraph-"));
    const path = join(dir, "supergraph.graphql");
    const sdl = readFileSync(join(__dirname, "..", "supergraph.graphql"), "utf8");
    writeFileSync(path, sdl);
    const urls = subgraphUrls(stack);
    const gateway = await startTestGateway(urls, jwksUrlOf(stack), {
      supergraphPath: path,
      watchSupergraph: true,
    });
    try {
      const client = openSocket(gateway.wsUrl, owner.token);
      sockets.push(client);
      const live = subscribe(client, MessageAddedDocument, { conversationId });
      await settle();
      writeFileSync(path, `${sdl}\n# recomposed\n`);
      const outcome = (await live.ended) as { error: { extensions?: { code?: string } }[] };
      expect(outcome.error[0]?.extensions?.code).toBe(SUBSCRIPTION_SCHEMA_RELOADED);
      const again = subscribe(client, MessageAddedDocument, { conversationId });
      await settle();
      await execute(gateway.url, SendMessageDocument, { input: { conversationId, text: "new schema" } }, vet.token);
      expect((await again.nth(1)).data?.messageAdded.text).toBe("new schema");
    } finally {
      await gateway.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** An access token for `userId` signed with identity's dev key, expiring in `seconds`. */
async function signToken(userId: string, seconds: number): Promise<string> {
  const jwk = JSON.parse(readFileSync(join(dataDir(), "keys", "identity-signing-key.json"), "utf8")) as JWK;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email: "short@example.test", roles: ["OWNER"], clinics: [] })
    .setProtectedHeader({ alg: "EdDSA", kid: jwk.kid! })
    .setSubject(userId)
    .setIssuer("pawgraph-identity")
    .setAudience("pawgraph")
    .setIssuedAt(now)
    .setExpirationTime(now + seconds)
    .sign(await importJWK(jwk, "EdDSA"));
}
