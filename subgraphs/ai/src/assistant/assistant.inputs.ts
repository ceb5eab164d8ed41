import { Field, Float, ID, InputType } from "type-graphql";

@InputType({ description: "A point to find the nearest open clinic from, when the question is an emergency." })
export class AssistantLocationInput {
  @Field(() => Float, { description: "Latitude in degrees (-90 to 90)." })
  lat!: number;

  @Field(() => Float, { description: "Longitude in degrees (-180 to 180)." })
  lng!: number;
}

@InputType({ description: "A question for the pet-care assistant." })
export class AskAssistantInput {
  @Field({ description: "The question, 2 to 2,000 characters." })
  question!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The pet it is about: the answer uses its record as you may see it. A thread stays about one pet.",
  })
  petId?: string | null;

  @Field(() => ID, { nullable: true, description: "Continue this thread of yours; a new one starts when omitted." })
  threadId?: string | null;

  // A String, not an ID: a key the client makes up to match the stream to the question (like an
  // idempotency key), naming nothing stored; another user's key only ever opens one's own channel.
  @Field(() => String, {
    nullable: true,
    description:
      "A UUID you make up: subscribe to `assistantAnswerStream(requestId)` with it first to receive the answer as it is written.",
  })
  requestId?: string | null;

  @Field(() => AssistantLocationInput, {
    nullable: true,
    description: "Where you are, for the nearest open clinic in an emergency.",
  })
  location?: AssistantLocationInput | null;
}

@InputType({ description: "A thread of yours to delete, with every question and answer in it." })
export class DeleteAssistantThreadInput {
  @Field(() => ID, { description: "The thread." })
  threadId!: string;
}
