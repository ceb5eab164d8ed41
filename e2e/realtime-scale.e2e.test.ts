import type { Client } from "graphql-ws";
import type { RunningGateway } from "@pawgraph/gateway";
import { startMessaging } from "@pawgraph/messaging";
import type { RunningSubgraph } from "@pawgraph/subgraph-kit";
import {
  ConfirmBookingDocument,
  HoldSlotDocument,
  MessageAddedDocument,
  NotificationAddedDocument,
  SendMessageDocument,
} from "../clients/__generated__/graphql";
import { berlin, buildClinic, ownerWithPet } from "./bookings-fixtures";
import {
  jwksUrlOf,
  subgraphUrls,
  execute,
  startStack,
  startTestGateway,
  testMessagingConfig,
  type Stack,
} from "./harness";
import { openSocket, settle, subscribe } from "./ws";
import { startedConversation } from "./messaging-fixtures";

const redisUrl = process.env.REDIS_URL;
const describeRedis = redisUrl ? describe : describe.skip;

/** Scale-out needs Redis itself (pub/sub between instances): it runs when REDIS_URL is set, as in CI. */
describeRedis("two gateways and two messaging instances on Redis", () => {
  if (!redisUrl) {
    console.log("Skipping the cross-instance realtime tests: REDIS_URL is not set (one instance delivers in-process).");
    it("needs REDIS_URL", () => undefined);
    return;
  }
  let stack: Stack;
  let messagingB: RunningSubgraph;
  let gatewayB: RunningGateway;
  const sockets: Client[] = [];

  beforeAll(async () => {
    // Both instances consume events (a notification may be made on either); neither sends email.
    stack = await startStack({ messaging: { consumeEvents: true } });
    const jwksUrl = jwksUrlOf(stack);
    messagingB = await startMessaging(testMessagingConfig(stack, { redisUrl, consumeEvents: true }));
    // Gateway B routes messaging to instance B; the stack's gateway (A) routes to instance A.
    gatewayB = await startTestGateway({ ...subgraphUrls(stack), messaging: messagingB.url }, jwksUrl);
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.dispose()));
    await gatewayB.stop();
    await messagingB.stop();
    await stack.stop();
  });

  it("a message sent through gateway A and messaging A reaches a subscriber on gateway B and messaging B", async () => {
    const { owner, vet, petName, conversationId } = await startedConversation(stack, {
      subject: "Scale",
      text: "hello",
    });
    const onB = openSocket(gatewayB.wsUrl, owner.token);
    const onA = openSocket(stack.gateway.wsUrl, owner.token);
    sockets.push(onB, onA);
    const liveB = subscribe(onB, MessageAddedDocument, { conversationId });
    const liveA = subscribe(onA, MessageAddedDocument, { conversationId });
    await settle(500);
    await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "across instances" } },
      vet.token,
    );
    for (const live of [liveA, liveB]) {
      expect((await live.nth(1)).data?.messageAdded).toMatchObject({
        text: "across instances",
        sender: { displayName: vet.user.displayName },
        conversation: { pet: { name: petName } },
      });
    }
    await execute(gatewayB.url, SendMessageDocument, { input: { conversationId, text: "and back" } }, vet.token);
    expect((await liveA.nth(2)).data?.messageAdded.text).toBe("and back");
  });

  it("a booking confirmed through gateway A notifies the owner's socket on gateway B, once", async () => {
    const clinic = await buildClinic(stack);
    const { owner, petId } = await ownerWithPet(stack);
    const live = subscribe(
      sockets[sockets.push(openSocket(gatewayB.wsUrl, owner.token)) - 1]!,
      NotificationAddedDocument,
    );
    await settle(500);
    const hold = await execute(
      stack.gateway.url,
      HoldSlotDocument,
      {
        input: {
          clinicId: clinic.clinicId,
          serviceId: clinic.serviceId,
          vetId: clinic.vets[0]!.user.id,
          startsAt: berlin(3, "11:00"),
        },
      },
      owner.token,
    );
    if (hold.data?.holdSlot.__typename !== "SlotHold") throw new Error(JSON.stringify(hold));
    await execute(
      stack.gateway.url,
      ConfirmBookingDocument,
      { input: { holdId: hold.data.holdSlot.id, petId } },
      owner.token,
    );
    expect((await live.nth(1, 2_000)).data?.notificationAdded.type).toBe("BOOKING_CONFIRMED");
    await settle(1_000);
    expect(live.results).toHaveLength(1);
  });
});
