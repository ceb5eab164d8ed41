import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, type Connection } from "@pawgraph/subgraph-kit";
import type { MessagingContext } from "../context";
import {
  DeleteMessageInput,
  EditMessageInput,
  ReviewFlaggedMessageInput,
  SendMessageInput,
} from "../message/message.inputs";
import { toMessage } from "../message/message.mapper";
import { FlaggedMessage, Message, MessageConnection } from "../message/message.type";
import { ConversationFilter, MarkConversationReadInput, StartConversationInput } from "./conversation.inputs";
import { toConversation } from "./conversation.mapper";
import type { ConversationService } from "./conversation.service";
import { Conversation, ConversationConnection, UnreadSummary } from "./conversation.type";

@Resolver(() => Conversation)
export class ConversationResolver {
  constructor(private readonly conversations: ConversationService) {}

  @Authorized()
  @Query(() => Conversation, {
    nullable: true,
    description:
      "A conversation you take part in (as its owner or as staff of its clinic); null with a NOT_FOUND error otherwise.",
  })
  async conversation(
    @Arg("id", () => ID, { description: "The conversation." }) id: string,
    @Ctx() ctx: MessagingContext,
  ): Promise<Conversation> {
    return toConversation((await this.conversations.participating(ctx, id, "id")).conversation);
  }

  @Authorized()
  @Query(() => ConversationConnection, {
    nullable: true,
    description: "Your conversations, most recent first: as an owner and as staff of your clinics.",
  })
  myConversations(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("filter", () => ConversationFilter, { nullable: true, description: "Optional filter." })
    filter: ConversationFilter | null,
    @Ctx() ctx: MessagingContext,
  ): Promise<Connection<Conversation>> {
    return this.conversations.mine(ctx, args, filter);
  }

  @Authorized()
  @Query(() => [FlaggedMessage], {
    nullable: true,
    description: "Messages flagged by moderation at a clinic, waiting for review (its admins).",
  })
  async flaggedMessages(
    @Arg("clinicId", () => ID, { description: "The clinic." }) clinicId: string,
    @Ctx() ctx: MessagingContext,
  ): Promise<FlaggedMessage[]> {
    return (await this.conversations.flagged(ctx, clinicId)).map((row) => ({
      message: toMessage(row),
      reasons: row.flagReasons,
    }));
  }

  @Authorized()
  @Mutation(() => Conversation, {
    description: "Start a conversation with a clinic (pet owners); optionally about one of your pets.",
  })
  async startConversation(
    @Arg("input", () => StartConversationInput, { description: "The clinic, subject and first message." })
    input: StartConversationInput,
    @Ctx() ctx: MessagingContext,
  ): Promise<Conversation> {
    return toConversation(await this.conversations.start(ctx, input));
  }

  @Authorized()
  @Mutation(() => Message, {
    description:
      "Send a message. Card numbers and bank details are masked; abusive messages are flagged for the clinic's admins.",
  })
  async sendMessage(
    @Arg("input", () => SendMessageInput, { description: "The message." }) input: SendMessageInput,
    @Ctx() ctx: MessagingContext,
  ): Promise<Message> {
    return toMessage(await this.conversations.send(ctx, input.conversationId, input.text, input.attachmentIds ?? []));
  }

  @Authorized()
  @Mutation(() => Message, { description: "Edit a message you sent." })
  async editMessage(
    @Arg("input", () => EditMessageInput, { description: "The message and its new text." }) input: EditMessageInput,
    @Ctx() ctx: MessagingContext,
  ): Promise<Message> {
    return toMessage(await this.conversations.edit(ctx, input.messageId, input.text));
  }

  @Authorized()
  @Mutation(() => Message, {
    description: "Delete a message you sent; it stays in place, marked deleted, without its text.",
  })
  async deleteMessage(
    @Arg("input", () => DeleteMessageInput, { description: "The message." }) input: DeleteMessageInput,
    @Ctx() ctx: MessagingContext,
  ): Promise<Message> {
    return toMessage(await this.conversations.remove(ctx, input.messageId));
  }

  @Authorized()
  @Mutation(() => Conversation, {
    description: "Mark a conversation read up to its latest message (your read receipt).",
  })
  async markConversationRead(
    @Arg("input", () => MarkConversationReadInput, { description: "The conversation." })
    input: MarkConversationReadInput,
    @Ctx() ctx: MessagingContext,
  ): Promise<Conversation> {
    return toConversation(await this.conversations.markRead(ctx, input.conversationId));
  }

  @Authorized()
  @Mutation(() => Message, { description: "Clear or remove a flagged message (admins of the conversation's clinic)." })
  async reviewFlaggedMessage(
    @Arg("input", () => ReviewFlaggedMessageInput, { description: "The message and the decision." })
    input: ReviewFlaggedMessageInput,
    @Ctx() ctx: MessagingContext,
  ): Promise<Message> {
    return toMessage(await this.conversations.review(ctx, input.messageId, input.action));
  }

  @Authorized()
  @Query(() => UnreadSummary, {
    nullable: true,
    description: "How many messages you have not read, across all your conversations (at most the 100 most recent).",
  })
  unreadMessages(@Ctx() ctx: MessagingContext): Promise<UnreadSummary> {
    return this.conversations.unreadSummary(ctx);
  }

  @FieldResolver(() => Int, { description: "Messages you have not read in this conversation." })
  unreadCount(@Root() conversation: Conversation, @Ctx() ctx: MessagingContext): Promise<number> {
    return ctx.loaders.unread.load(conversation.id);
  }

  @FieldResolver(() => MessageConnection, { description: "Messages, newest first; page backwards with `after`." })
  messages(
    @Root() conversation: Conversation,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: MessagingContext,
  ): Promise<Connection<Message>> {
    return this.conversations.messagesOf(conversation.id, args, ctx.loaders.messagePage);
  }
}
