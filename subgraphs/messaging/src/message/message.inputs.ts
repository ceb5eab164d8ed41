import { ArrayMaxSize, IsOptional, Matches, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { ReviewAction } from "./message.type";

@InputType({ description: "Send a message in a conversation you take part in: text, files, or both." })
export class SendMessageInput {
  @Field(() => ID, { description: "The conversation." })
  conversationId!: string;

  @IsOptional()
  @MaxLength(4000, { message: "must be at most 4000 characters" })
  @Field(() => String, {
    nullable: true,
    description: "The text, up to 4000 characters; may be left out when files are sent.",
  })
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
