import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { RequestMessageAttachmentUploadInput } from "../attachment/attachment.inputs";
import type { MessageAttachmentService } from "../attachment/attachment.service";
import { MessageAttachment, MessageAttachmentUpload } from "../attachment/attachment.type";
import { NotFoundError } from "@pawgraph/subgraph-kit";
import type { MessagingContext } from "../context";
import { Conversation } from "../conversation/conversation.type";
import { toConversation } from "../conversation/conversation.mapper";
import { Message } from "./message.type";

@Resolver(() => Message)
export class MessageResolver {
  constructor(private readonly attachmentService: MessageAttachmentService) {}

  @FieldResolver(() => Conversation, { description: "The conversation it belongs to." })
  async conversation(@Root() message: Message, @Ctx() ctx: MessagingContext): Promise<Conversation> {
    if (message.conversationSnapshot) return message.conversationSnapshot;
    const row = await ctx.loaders.conversation.load(message.conversationId);
    if (!row) throw new NotFoundError("Conversation");
    return toConversation(row);
  }

  @FieldResolver(() => [MessageAttachment], { description: "Files sent with the message; none once it was deleted." })
  async attachments(@Root() message: Message, @Ctx() ctx: MessagingContext): Promise<MessageAttachment[]> {
    if (message.deleted) return [];
    const rows = await ctx.loaders.attachments.load(message.id);
    return Promise.all(
      rows.map(async (row) => ({
        id: row.id,
        fileName: row.file_name,
        contentType: row.content_type,
        sizeBytes: row.size_bytes,
        downloadUrl: await this.attachmentService.downloadUrl(row),
      })),
    );
  }

  @Authorized()
  @Mutation(() => MessageAttachmentUpload, {
    description: "Get a URL to upload a file to, then send it with `sendMessage(input: { attachmentIds })`.",
  })
  requestMessageAttachmentUpload(
    @Arg("input", () => RequestMessageAttachmentUploadInput, {
      description: "The conversation and the file's name, type and size.",
    })
    input: RequestMessageAttachmentUploadInput,
    @Ctx() ctx: MessagingContext,
  ): Promise<MessageAttachmentUpload> {
    return this.attachmentService.requestUpload(ctx, input);
  }
}
