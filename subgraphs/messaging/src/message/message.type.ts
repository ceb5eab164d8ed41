import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
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

  @Field(() => String, {
    nullable: true,
    description: "The text; null when the message is only files, and once deleted or removed by moderation.",
  })
  text!: string | null;

  @Field(() => Boolean, {
    description: "Whether secrets (card numbers, IBANs, security codes, PINs, passwords) were masked in it.",
  })
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
