import { Arg, Authorized, ID, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { requireViewer, resolverOf } from "@pawgraph/subgraph-kit";
import { staffClinics } from "../access/participation";
import type { MessagingContext } from "../context";
import { Message } from "../message/message.type";
import {
  reviveConversation,
  reviveMessage,
  type MessagingRealtime,
  type RealtimeTopics,
  type Wire,
} from "../realtime/realtime";
import type { ConversationService } from "./conversation.service";
import { Conversation } from "./conversation.type";

type Data = SubscribeResolverData<unknown, Record<string, unknown>, MessagingContext>;

/**
 * Live chat: new messages in one conversation, and changes to the viewer's conversation list.
 * type-graphql calls `subscribe` with no resolver instance, so each finds this one through the
 * schema it runs in (live-resolvers.ts) rather than through the context.
 */
@Resolver()
export class ConversationSubscriptions {
  constructor(
    readonly conversations: ConversationService,
    readonly realtime: MessagingRealtime,
  ) {}

  @Authorized()
  @Subscription(() => Message, {
    description:
      "Each new message in a conversation you take part in, as it is sent. NOT_FOUND for conversations you are not part of.",
    subscribe: async ({ args, context, info }: Data) => {
      const self = resolverOf(info, ConversationSubscriptions);
      // Checked once, before anything is delivered: a stranger gets an error and never an event.
      const { conversation } = await self.conversations.participating(
        context,
        String(args.conversationId),
        "conversationId",
      );
      return self.realtime.messagesIn(conversation.id);
    },
  })
  messageAdded(
    @Root() event: RealtimeTopics["message-added"][1],
    @Arg("conversationId", () => ID, { description: "The conversation to follow." }) _conversationId: string,
  ): Message {
    return reviveMessage(event.message, event.conversation);
  }

  @Authorized()
  @Subscription(() => Message, {
    description:
      "Messages in a conversation you take part in as their senders edit or delete them (deleted ones come without text). NOT_FOUND for conversations you are not part of.",
    subscribe: async ({ args, context, info }: Data) => {
      const self = resolverOf(info, ConversationSubscriptions);
      const { conversation } = await self.conversations.participating(
        context,
        String(args.conversationId),
        "conversationId",
      );
      return self.realtime.changesIn(conversation.id);
    },
  })
  messageUpdated(
    @Root() event: RealtimeTopics["message-updated"][1],
    @Arg("conversationId", () => ID, { description: "The conversation to follow." }) _conversationId: string,
  ): Message {
    return reviveMessage(event.message, event.conversation);
  }

  @Authorized()
  @Subscription(() => Conversation, {
    description:
      "Your conversations as they change (a new message, or you read one elsewhere): as an owner and as staff of your clinics.",
    subscribe: ({ context, info }: Data) => {
      const viewer = requireViewer(context.viewer);
      const audiences = [`user:${viewer.userId}`, ...staffClinics(viewer).map((clinicId) => `clinic:${clinicId}`)];
      return resolverOf(info, ConversationSubscriptions).realtime.conversationsOf(audiences);
    },
  })
  conversationUpdated(@Root() wire: Wire<Conversation>): Conversation {
    return reviveConversation(wire);
  }
}
