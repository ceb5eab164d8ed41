import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "@pawgraph/subgraph-kit";

export enum TriageLevelValue {
  RED = "RED",
  ORANGE = "ORANGE",
  YELLOW = "YELLOW",
  GREEN = "GREEN",
  BLUE = "BLUE",
}
registerEnumType(TriageLevelValue, {
  name: "TriageLevel",
  description:
    "How urgent a question sounds, in the Veterinary Triage List's colours, decided by fixed rules before any model is asked.",
  valuesConfig: {
    RED: { description: "Immediately life-threatening: contact a vet now." },
    ORANGE: { description: "Very urgent: a vet should see the pet within minutes." },
    YELLOW: { description: "Urgent: a vet should see the pet today." },
    GREEN: { description: "Standard: book a visit if it goes on or gets worse." },
    BLUE: { description: "Not urgent: a general care question." },
  },
});

export enum CitationKindValue {
  KNOWLEDGE = "KNOWLEDGE",
  HEALTH_RECORD = "HEALTH_RECORD",
}
registerEnumType(CitationKindValue, {
  name: "CitationKind",
  description: "What an answer's citation points at.",
  valuesConfig: {
    KNOWLEDGE: { description: "A passage of a care article or of a clinic's document." },
    HEALTH_RECORD: { description: "An item of the pet's health record, as the asker may see it." },
  },
});

export enum AssistantActionKindValue {
  CALL_VET = "CALL_VET",
  BOOK_APPOINTMENT = "BOOK_APPOINTMENT",
  CALL_POISON_CONTROL = "CALL_POISON_CONTROL",
  VIEW_PRODUCT = "VIEW_PRODUCT",
  ADD_TO_CART = "ADD_TO_CART",
  VIEW_HEALTH_RECORD = "VIEW_HEALTH_RECORD",
}
registerEnumType(AssistantActionKindValue, {
  name: "AssistantActionKind",
  description:
    "Something the assistant suggests doing. The assistant never does it: the app asks the user and calls the existing mutation.",
  valuesConfig: {
    CALL_VET: { description: "Phone the clinic in `clinicId` on `phone` now." },
    BOOK_APPOINTMENT: {
      description:
        "Book a visit at the clinic in `clinicId`: at `startsAt` for `serviceId` when the assistant found a free time, else the app opens `availableSlots`.",
    },
    CALL_POISON_CONTROL: { description: "Phone the poison helpline on `phone`." },
    VIEW_PRODUCT: { description: "Open the product in `productId`." },
    ADD_TO_CART: {
      description: "Offer to add the variant in `variantId` to the cart (`addToCart`), after the user confirms.",
    },
    VIEW_HEALTH_RECORD: { description: "Open the pet's health record item in `recordItemId`." },
  },
});

@ObjectType({ description: "One reason a question was triaged as it was." })
export class TriageFinding {
  @Field({ description: "Stable code of the rule that matched, e.g. TOXIN_CHOCOLATE or BREATHING." })
  code!: string;

  @Field(() => TriageLevelValue, { description: "How urgent this finding alone is." })
  level!: TriageLevelValue;

  @Field({ description: "One plain sentence for the owner about why it matters." })
  label!: string;
}

@ObjectType({ description: "A source an answer's sentences cite, by the marker `[n]` the text carries." })
export class AssistantCitation {
  @Field(() => Int, { description: "The number the answer's text cites it by: `[1]`, `[2]`..." })
  marker!: number;

  @Field(() => CitationKindValue, { description: "A care passage or an item of the pet's record." })
  kind!: CitationKindValue;

  @Field(() => ID, {
    description: "The knowledge chunk's id, or the health record item's id (`HealthRecord.id` in ehr).",
  })
  id!: string;

  @Field({ description: "The article's title, or what the record item is (e.g. \"Rex's record: visit\")." })
  title!: string;

  @Field(() => String, {
    nullable: true,
    description: "The article's section the passage is from; null for record items.",
  })
  section!: string | null;

  @Field({ description: "The passage or record item quoted (at most about 300 characters)." })
  excerpt!: string;

  @Field({
    description:
      "Where the app should take the user: `/knowledge/<documentId>#<section anchor>` or `/pets/<petId>/health-record/<itemId>`.",
  })
  link!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The knowledge document (for `knowledgeDocument`); null for record items.",
  })
  documentId!: string | null;
}

@ObjectType({ description: "A suggested next step; nothing is done until the user confirms it in the app." })
export class AssistantAction {
  @Field(() => AssistantActionKindValue, { description: "What kind of step." })
  kind!: AssistantActionKindValue;

  @Field({ description: 'Button text for the app, e.g. "Book now at Riverside Vets".' })
  label!: string;

  @Field(() => ID, { nullable: true, description: "The clinic to call or book (CALL_VET, BOOK_APPOINTMENT)." })
  clinicId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The clinic's service a found time is for (BOOK_APPOINTMENT with `startsAt`).",
  })
  serviceId!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: "A free time the assistant found (BOOK_APPOINTMENT): the app offers it, then calls `holdSlot`.",
  })
  startsAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The number to call (CALL_VET, CALL_POISON_CONTROL)." })
  phone!: string | null;

  @Field(() => ID, { nullable: true, description: "The product (VIEW_PRODUCT, ADD_TO_CART)." })
  productId!: string | null;

  @Field(() => ID, { nullable: true, description: "The variant to add (ADD_TO_CART)." })
  variantId!: string | null;

  @Field(() => ID, { nullable: true, description: "The pet the step is for." })
  petId!: string | null;

  @Field(() => ID, { nullable: true, description: "The health record item to open (VIEW_HEALTH_RECORD)." })
  recordItemId!: string | null;
}

@ObjectType({ description: "The assistant's answer to one question, kept in its thread for the asker." })
export class AssistantAnswer {
  @Field(() => ID, { description: "Stable unique id of this question and answer." })
  id!: string;

  @Field(() => ID, { description: "The conversation it belongs to (`assistantThread`)." })
  threadId!: string;

  @Field(() => String, { nullable: true, description: "The key the client streamed the answer under, if it gave one." })
  requestId!: string | null;

  @Field(() => ID, { nullable: true, description: "The pet the question was about." })
  petId!: string | null;

  @Field({ description: "The question as stored: emails, phone numbers, card numbers and addresses redacted." })
  question!: string;

  @Field({ description: "The answer in Markdown; each sentence cites its sources as `[n]` (see `citations`)." })
  text!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "What the user must know about how the answer was made, e.g. that it was composed offline without a model.",
  })
  notice!: string | null;

  @Field(() => TriageLevelValue, { description: "How urgent the question sounded." })
  triageLevel!: TriageLevelValue;

  @Field({ description: "RED or ORANGE: the answer is the fixed escalation block, with no model-written advice." })
  emergency!: boolean;

  @Field(() => [TriageFinding], { description: "Why, most severe first; empty for general questions." })
  triageFindings!: TriageFinding[];

  @Field(() => [AssistantCitation], { description: "The sources the text cites, by marker." })
  citations!: AssistantCitation[];

  @Field(() => [AssistantAction], {
    description: "Suggested next steps (call, book, view), each confirmed by the user.",
  })
  suggestedActions!: AssistantAction[];

  @Field({
    description:
      "Who wrote the answer: `offline` (extractive, no model), `triage` (escalation block), or the provider's name.",
  })
  provider!: string;

  @Field(() => String, { nullable: true, description: "The model's name; null offline." })
  model!: string | null;

  @Field(() => Int, { description: "Milliseconds from the question to the stored answer." })
  latencyMs!: number;

  @Field({ description: "When it was answered." })
  createdAt!: Date;
}

@ObjectType({ description: "A conversation with the assistant; only the person who started it can read or delete it." })
export class AssistantThread {
  @Field(() => ID, { description: "Stable unique id of the thread." })
  id!: string;

  @Field({ description: "The first question, shortened." })
  title!: string;

  @Field(() => ID, { nullable: true, description: "The pet the thread is about (a thread is about at most one pet)." })
  petId!: string | null;

  @Field({ description: "When the thread started." })
  createdAt!: Date;

  @Field({ description: "When the last answer was added." })
  updatedAt!: Date;

  @Field(() => [AssistantAnswer], { description: "Its questions and answers, oldest first (the latest 100)." })
  answers!: AssistantAnswer[];
}

@ObjectType({ description: "A piece of an answer as it is written, in order; the last one carries the whole answer." })
export class AssistantStreamEvent {
  @Field(() => String, { description: "The key the client passed to `askAssistant(input: { requestId })`." })
  requestId!: string;

  @Field(() => Int, { description: "0, 1, 2...: the order of the pieces, without gaps." })
  sequence!: number;

  @Field({ description: "Text to append to what has arrived so far (empty on the last event)." })
  delta!: string;

  @Field({ description: "True on the last event." })
  done!: boolean;

  @Field(() => AssistantAnswer, { nullable: true, description: "The stored answer, on the last event only." })
  answer!: AssistantAnswer | null;
}

export const AssistantThreadConnection = connectionType(AssistantThread, "AssistantThread", "assistant thread");
export type AssistantThreadConnection = InstanceType<typeof AssistantThreadConnection>;
