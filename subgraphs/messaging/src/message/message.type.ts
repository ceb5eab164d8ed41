import { ArrayMaxSize, IsOptional, Matches, MaxLength } from "class-validator";
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "@pawgraph/subgraph-kit";
import type { Conversation } from "../conversation/conversation.type";
import { User } from "../user/user.type";

export enum ReviewAction {
  CLEAR = "CLEAR",
  REMOVE = "REMOVE",
}

registerEnumType(ReviewAction, {
  name: "ReviewAction",
  description: "A clinic admin's decision on a flagged message.",
  valuesConfig: {
    CLEAR: { description: "The message is fine; it stays." },
    REMOVE: { description: "Remove the message's text for everyone." },
  },
});

@ObjectType({ description: "One message in a conversation. Card numbers and bank details are masked before storing." })
export class Message {
  @Field(() => ID, { description: "Id of the message." })
  id!: string;

  @Field(() => ID, { description: "The conversation." })
  conversationId!: string;

  @Field(() => User, { nullable: true, description: "Who sent it; null when identity cannot be reached." })
  sender!: User;

  @Field(() => String, { nullable: true, description: "The text; null when the message is only files, and once deleted or removed by moderation." })
  text!: string | null;

  @Field(() => Boolean, { description: "Whether secrets (card numbers, IBANs, security codes, PINs, passwords) were masked in it." })
  masked!: boolean;

  @Field(() => Boolean, { description: "Whether it was edited." })
  edited!: boolean;

  @Field(() => Boolean, { description: "Whether it was deleted (by its sender or by moderation)." })
  deleted!: boolean;

  @Field(() => Date, { description: "When it was sent." })
  sentAt!: Date;

  /** The conversation as it was when the message went out (subscriptions), so no lookup is needed. */
  conversationSnapshot?: Conversation;
}

export const MessageConnection = connectionType(Message, "Message", "message");

@ObjectType({ description: "A message flagged by moderation, waiting for a clinic admin." })
export class FlaggedMessage {
  @Field(() => Message, { description: "The message." })
  message!: Message;

  @Field(() => [String], { description: "Why it was flagged." })
  reasons!: string[];
}

@InputType({ description: "Send a message in a conversation you take part in: text, files, or both." })
export class SendMessageInput {
  @Field(() => ID, { description: "The conversation." })
  conversationId!: string;

  @IsOptional()
  @MaxLength(4000, { message: "must be at most 4000 characters" })
  @Field(() => String, { nullable: true, description: "The text, up to 4000 characters; may be left out when files are sent." })
  text?: string | null;

  @IsOptional()
  @ArrayMaxSize(10, { message: "must list at most 10 files" })
  @Field(() => [ID], { nullable: true, description: "Files uploaded with `requestMessageAttachmentUpload`, up to 10." })
  attachmentIds?: string[] | null;
}

@InputType({ description: "Change the text of a message you sent." })
export class EditMessageInput {
  @Field(() => ID, { description: "The message." })
  messageId!: string;

  @Matches(/\S/, { message: "must not be empty" })
  @MaxLength(4000, { message: "must be at most 4000 characters" })
  @Field(() => String, { description: "The new text." })
  text!: string;
}

@InputType({ description: "Delete a message you sent (its place stays, marked deleted)." })
export class DeleteMessageInput {
  @Field(() => ID, { description: "The message." })
  messageId!: string;
}

@InputType({ description: "Decide on a flagged message (clinic admins of the conversation's clinic)." })
export class ReviewFlaggedMessageInput {
  @Field(() => ID, { description: "The message." })
  messageId!: string;

  @Field(() => ReviewAction, { description: "Clear it or remove it." })
  action!: ReviewAction;
}
