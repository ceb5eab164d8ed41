import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionType, PresignedUploadFields } from "@pawgraph/subgraph-kit";

/**
 * The animal kinds, with pets' `Species` values and descriptions (an enum shared by name across
 * subgraphs must have the same values in each, so a pet's species can be passed straight through).
 */
export enum SpeciesValue {
  DOG = "DOG",
  CAT = "CAT",
  RABBIT = "RABBIT",
  GUINEA_PIG = "GUINEA_PIG",
  HAMSTER = "HAMSTER",
  FERRET = "FERRET",
  BIRD = "BIRD",
  REPTILE = "REPTILE",
  FISH = "FISH",
  HORSE = "HORSE",
  OTHER = "OTHER",
}
registerEnumType(SpeciesValue, {
  name: "Species",
  description: "The kind of animal.",
  valuesConfig: {
    DOG: { description: "Dog." },
    CAT: { description: "Cat." },
    RABBIT: { description: "Rabbit." },
    GUINEA_PIG: { description: "Guinea pig." },
    HAMSTER: { description: "Hamster, gerbil or similar small rodent." },
    FERRET: { description: "Ferret." },
    BIRD: { description: "Pet bird (parrot, budgie, canary, ...)." },
    REPTILE: { description: "Reptile (tortoise, lizard, snake, ...)." },
    FISH: { description: "Fish." },
    HORSE: { description: "Horse, pony or donkey." },
    OTHER: { description: "Any other animal; say more in `breed`." },
  },
});

/** knowledge.values' KNOWLEDGE_TOPICS as a GraphQL enum (knowledge-document.types.test.ts keeps the two equal). */
export enum KnowledgeTopicValue {
  VACCINATION = "VACCINATION",
  PARASITES = "PARASITES",
  NUTRITION = "NUTRITION",
  TOXINS = "TOXINS",
  DENTAL = "DENTAL",
  TRAVEL = "TRAVEL",
  SENIOR_CARE = "SENIOR_CARE",
  POST_OPERATIVE = "POST_OPERATIVE",
  SKIN_AND_EARS = "SKIN_AND_EARS",
  DIGESTION = "DIGESTION",
  URINARY = "URINARY",
  EYES = "EYES",
  MOBILITY = "MOBILITY",
  BEHAVIOUR = "BEHAVIOUR",
  GROOMING = "GROOMING",
  EMERGENCY = "EMERGENCY",
  GENERAL_CARE = "GENERAL_CARE",
  REPRODUCTION = "REPRODUCTION",
}
registerEnumType(KnowledgeTopicValue, {
  name: "KnowledgeTopic",
  description: "What a knowledge document is about; one per document.",
  valuesConfig: {
    VACCINATION: { description: "Vaccines and their schedules." },
    PARASITES: { description: "Fleas, ticks, worms and other parasites." },
    NUTRITION: { description: "Food, diets and weight." },
    TOXINS: { description: "Poisons and what pets must not eat." },
    DENTAL: { description: "Teeth and gums." },
    TRAVEL: { description: "Travelling with a pet." },
    SENIOR_CARE: { description: "Caring for older pets." },
    POST_OPERATIVE: { description: "Recovery after surgery." },
    SKIN_AND_EARS: { description: "Skin, coat and ears." },
    DIGESTION: { description: "Vomiting, diarrhoea and the gut." },
    URINARY: { description: "Bladder and kidneys." },
    EYES: { description: "Eyes." },
    MOBILITY: { description: "Joints, limping and exercise." },
    BEHAVIOUR: { description: "Behaviour and training." },
    GROOMING: { description: "Grooming, nails and bathing." },
    EMERGENCY: { description: "Emergencies and first aid." },
    GENERAL_CARE: { description: "Everyday care and anything else, including a clinic's own policies." },
    REPRODUCTION: { description: "Breeding, pregnancy and neutering." },
  },
});

export enum KnowledgeScopeValue {
  BUILT_IN = "BUILT_IN",
  PLATFORM = "PLATFORM",
  CLINIC = "CLINIC",
}
registerEnumType(KnowledgeScopeValue, {
  name: "KnowledgeScope",
  description: "Who a knowledge document belongs to, which decides whose questions may draw on it.",
  valuesConfig: {
    BUILT_IN: {
      description: "A care article shipped with Pawgraph; used for everyone's questions; cannot be deleted.",
    },
    PLATFORM: { description: "Added by a platform admin; used for everyone's questions." },
    CLINIC: {
      description:
        "Added for one clinic (`clinicId`): used only for its staff's questions and for questions about pets it has treated.",
    },
  },
});

export enum KnowledgeDocumentFormatValue {
  MARKDOWN = "MARKDOWN",
  TEXT = "TEXT",
  PDF = "PDF",
}
registerEnumType(KnowledgeDocumentFormatValue, {
  name: "KnowledgeDocumentFormat",
  description: "What a knowledge document was added as.",
  valuesConfig: {
    MARKDOWN: { description: "Markdown sent as `content`; its headings split it into sections." },
    TEXT: { description: "Plain text sent as `content`; blank lines separate paragraphs." },
    PDF: { description: "A PDF uploaded through `requestKnowledgeUpload`; its text is extracted and kept." },
  },
});

@ObjectType({
  description:
    "A document the assistant answers from: a built-in care article, or one a platform admin or clinic admin added. Answers' citations link to it (`AssistantCitation.documentId`).",
})
export class KnowledgeDocument {
  @Field(() => ID, { description: "The document's id." })
  id!: string;

  @Field({ description: "Its title, 3 to 200 characters." })
  title!: string;

  @Field(() => [SpeciesValue], { description: "The species it is about; empty when it is about every species." })
  species!: SpeciesValue[];

  @Field(() => KnowledgeTopicValue, { description: "What it is about." })
  topic!: KnowledgeTopicValue;

  @Field(() => String, {
    nullable: true,
    description:
      "Who reviewed a built-in article (its `reviewedBy` line); null for added documents, which the clinic or platform that added them answers for.",
  })
  reviewedBy!: string | null;

  @Field(() => KnowledgeScopeValue, { description: "Who it belongs to, which decides whose questions may use it." })
  scope!: KnowledgeScopeValue;

  @Field(() => ID, { nullable: true, description: "The clinic a CLINIC document belongs to; null otherwise." })
  clinicId!: string | null;

  @Field(() => KnowledgeDocumentFormatValue, { description: "What it was added as." })
  format!: KnowledgeDocumentFormatValue;

  @Field(() => Int, { description: "How many passages it was split into for retrieval." })
  chunkCount!: number;

  @Field(() => Date, { description: "When it was added." })
  createdAt!: Date;

  @Field(() => Date, { description: "When it was last changed (re-ingested or re-embedded)." })
  updatedAt!: Date;

  /** Read lazily (ctx.loaders.documentBodies) when a page of documents was listed without it. */
  body?: string;
}

export const KnowledgeDocumentConnection = connectionType(KnowledgeDocument, "KnowledgeDocument", "knowledge document");
export type KnowledgeDocumentConnection = InstanceType<typeof KnowledgeDocumentConnection>;

@ObjectType({
  description:
    "Where and how to upload a PDF for the knowledge index: send one PUT of the file to `url` with `headers`, then call `addKnowledgeDocument` with `format: PDF` and `fileId`.",
})
export class KnowledgeUpload extends PresignedUploadFields {
  @Field(() => ID, { description: "The file, for `addKnowledgeDocument(input: { fileId })`." })
  fileId!: string;
}
