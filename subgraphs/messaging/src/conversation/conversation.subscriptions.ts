import { Arg, Authorized, ID, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { requireViewer } from "@pawgraph/subgraph-kit";
import { staffClinics } from "../access/participation";
import type { MessagingContext } from "../context";
import { Message } from "../message/message.type";
import { reviveConversation, reviveMessage, type RealtimeTopics, type Wire } from "../realtime/realtime";
import { Conversation } from "./conversation.type";

type Data = SubscribeResolverData<unknown, Record<string, unknown>, MessagingContext>;

/** Live chat: new messages in one conversation, and changes to the viewer's conversation list. */
@Resolver()
export class ConversationSubscriptions {
  @Authorized()
  @Subscription(() => Message, {
    description: "Each new message in a conversation you take part in, as it is sent. NOT_FOUND for conversations you are not part of.",
    subscribe: async ({ args, context }: Data) => {
      // Checked once, before anything is delivered: a stranger gets an error and never an event.
      const { conversation } = await context.services.conversations.participating(context, String(args.conversationId), "conversationId");
      return context.services.realtime.messagesIn(conversation.id);
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
    subscribe: async ({ args, context }: Data) => {
      const { conversation } = await context.services.conversations.participating(context, String(args.conversationId), "conversationId");
      return context.services.realtime.changesIn(conversation.id);
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
    description: "Your conversations as they change (a new message, or you read one elsewhere): as an owner and as staff of your clinics.",
    subscribe: ({ context }: Data) => {
      const viewer = requireViewer(context.viewer);
      const audiences = [`user:${viewer.userId}`, ...staffClinics(viewer).map((clinicId) => `clinic:${clinicId}`)];
      return context.services.realtime.conversationsOf(audiences);
    },
  })
  conversationUpdated(@Root() wire: Wire<Conversation>): Conversation {
    return reviveConversation(wire);
  }
}
