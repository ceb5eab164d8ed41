import type { Client } from "graphql-ws";
import { MessageAddedDocument, SendMessageDocument } from "../clients/__generated__/graphql";
import { execute, registerUser, startStack, type Stack } from "./harness";
import { parsePrometheusText, valueOf } from "./prometheus-text";
import { openSocket, settle, subscribe } from "./ws";
import { startedConversation } from "./messaging-fixtures";

// Identical subscriptions of one access token run once at the gateway and their events are fanned out
// (docs/decisions/0056); subscriptions of different viewers never share an execution.

/** Fields that differ by viewer: a user's email and its verification only to that user (identity). */
const WHO_SENT = /* GraphQL */ `
  subscription WhoSent($conversationId: ID!) {
    messageAdded(conversationId: $conversationId) {
      id
      text
      sender {
        id
        displayName
        email
        emailVerified
      }
    }
  }
`;

type WhoSent = {
  messageAdded: {
    id: string;
    text: string | null;
    sender: { id: string; displayName: string; email: string | null; emailVerified: boolean | null } | null;
  };
};

let stack: Stack;
const sockets: Client[] = [];
beforeAll(async () => {
  stack = await startStack();
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.dispose()));
});
afterAll(() => stack.stop());

function socket(token: string): Client {
  const client = openSocket(stack.gateway.wsUrl, token);
  sockets.push(client);
  return client;
}

const conversationSetup = () => startedConversation(stack, { subject: "Itching", text: "Rex scratches all day." });

/** Subgraph fetches the gateway has made to `subgraph` (HTTP and WebSocket paths), from its /metrics. */
async function fetchesTo(subgraph: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${stack.gateway.port}/metrics`);
  // Only that family's lines: Node's event-loop gauges read "Nan" before their first sample, which the strict parser refuses.
  const lines = (await response.text()).split("\n").filter((line) => line.includes("subgraph_fetch_duration_seconds"));
  const samples = parsePrometheusText(lines.join("\n") + "\n");
  return valueOf(samples, "subgraph_fetch_duration_seconds_count", { subgraph, outcome: "ok" });
}

describe("shared subscriptions: one execution per token and document, never across viewers", () => {
  it("two viewers on the same conversation each get their own answer, with several sockets each", async () => {
    const { owner, vet, conversationId } = await conversationSetup();
    const ownerLive = [1, 2, 3].map(() =>
      subscribe<WhoSent, unknown>(socket(owner.token), WHO_SENT, { conversationId }),
    );
    const vetLive = [1, 2, 3].map(() => subscribe<WhoSent, unknown>(socket(vet.token), WHO_SENT, { conversationId }));
    // A stranger subscribing to the same thing is refused on its own, however many are live already.
    const stranger = subscribe(socket((await registerUser(stack, "stranger")).token), WHO_SENT, { conversationId });
    await settle();
    expect(stack.gateway.subscriptions.executions).toBe(2);

    await execute(stack.gateway.url, SendMessageDocument, { input: { conversationId, text: "Any fleas?" } }, vet.token);
    const vetSender = { id: vet.user.id, displayName: vet.user.displayName };
    // The vet's sockets see the vet's own email; the owner's see the same message without it.
    for (const live of vetLive) {
      const seen = await live.nth(1);
      expect(seen.errors).toBeUndefined();
      expect(seen.data?.messageAdded).toMatchObject({
        text: "Any fleas?",
        sender: { ...vetSender, email: vet.email, emailVerified: expect.any(Boolean) },
      });
    }
    for (const live of ownerLive) {
      const seen = await live.nth(1);
      expect(seen.errors).toBeUndefined();
      expect(seen.data?.messageAdded).toMatchObject({
        text: "Any fleas?",
        sender: { ...vetSender, email: null, emailVerified: null },
      });
    }

    await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "None seen." } },
      owner.token,
    );
    for (const live of ownerLive)
      expect((await live.nth(2)).data?.messageAdded.sender).toMatchObject({ id: owner.user.id, email: owner.email });
    for (const live of vetLive)
      expect((await live.nth(2)).data?.messageAdded.sender).toMatchObject({ id: owner.user.id, email: null });

    expect((await stranger.nth(1)).errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND" });
    expect(stranger.results).toHaveLength(1);
  });

  it("a subscriber leaving does not end the others of its group; the last one ends the execution", async () => {
    const { owner, vet, conversationId } = await conversationSetup();
    const [first, second] = [1, 2].map(() => subscribe(socket(owner.token), MessageAddedDocument, { conversationId }));
    await settle();
    expect(stack.gateway.subscriptions.executions).toBe(1);
    first!.unsubscribe();
    await settle(100);
    expect(stack.gateway.subscriptions.executions).toBe(1);
    await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "Still there?" } },
      vet.token,
    );
    expect((await second!.nth(1)).data?.messageAdded.text).toBe("Still there?");
    expect(first!.results).toEqual([]);
    second!.unsubscribe();
    await settle(100);
    expect(stack.gateway.subscriptions.executions).toBe(0);
  });

  it("the subgraph fetches of one event do not grow with the sockets of a viewer: 1 socket or 8, the same", async () => {
    const { owner, vet, petName, conversationId } = await conversationSetup();
    const fetchesFor = async (sockets: number, text: string) => {
      const live = Array.from({ length: sockets }, () =>
        subscribe(socket(owner.token), MessageAddedDocument, { conversationId }),
      );
      await settle();
      const before = { identity: await fetchesTo("identity"), pets: await fetchesTo("pets") };
      await execute(stack.gateway.url, SendMessageDocument, { input: { conversationId, text } }, vet.token);
      for (const subscriber of live) {
        const seen = await subscriber.nth(1);
        expect(seen.errors).toBeUndefined();
        // The payload's sender comes from identity and the conversation's pet from pets.
        expect(seen.data?.messageAdded).toMatchObject({
          text,
          sender: { id: vet.user.id },
          conversation: { pet: { name: petName } },
        });
      }
      await settle(100);
      const after = { identity: await fetchesTo("identity"), pets: await fetchesTo("pets") };
      for (const subscriber of live) subscriber.unsubscribe();
      await settle(100);
      return { identity: after.identity - before.identity, pets: after.pets - before.pets };
    };
    const one = await fetchesFor(1, "Ready for 10?");
    const eight = await fetchesFor(8, "Ready for 11?");
    // sendMessage's own answer fetches the sender over HTTP; the event, once for 1 socket or 8.
    expect(one.identity).toBeGreaterThanOrEqual(2);
    expect(one.pets).toBeGreaterThanOrEqual(1);
    expect(eight).toEqual(one);
  });
});
