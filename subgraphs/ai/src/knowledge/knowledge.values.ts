/** pets' Species values, repeated (a shared enum must match across subgraphs). */
export const SPECIES = [
  "DOG",
  "CAT",
  "RABBIT",
  "GUINEA_PIG",
  "HAMSTER",
  "FERRET",
  "BIRD",
  "REPTILE",
  "FISH",
  "HORSE",
] as const;
export type SpeciesName = (typeof SPECIES)[number];

/** What a care article is about; one per article. */
export const KNOWLEDGE_TOPICS = [
  "VACCINATION",
  "PARASITES",
  "NUTRITION",
  "TOXINS",
  "DENTAL",
  "TRAVEL",
  "SENIOR_CARE",
  "POST_OPERATIVE",
  "SKIN_AND_EARS",
  "DIGESTION",
  "URINARY",
  "EYES",
  "MOBILITY",
  "BEHAVIOUR",
  "GROOMING",
  "EMERGENCY",
  "GENERAL_CARE",
  "REPRODUCTION",
] as const;
export type KnowledgeTopicName = (typeof KNOWLEDGE_TOPICS)[number];
