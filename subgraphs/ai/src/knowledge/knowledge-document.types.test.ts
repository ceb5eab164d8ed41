import { KnowledgeTopicValue, SpeciesValue } from "./knowledge-document.types";
import { KNOWLEDGE_TOPICS, SPECIES } from "./knowledge.values";

describe("the GraphQL enums of knowledge documents", () => {
  it("name exactly the topics articles may have", () => {
    expect(Object.values(KnowledgeTopicValue)).toEqual([...KNOWLEDGE_TOPICS]);
  });

  it("name every species an article may be for, and pets' OTHER", () => {
    expect(Object.values(SpeciesValue)).toEqual([...SPECIES, "OTHER"]);
  });
});
