import { contentWords, queryTerms, stem } from "./words";

describe("stem", () => {
  it("brings inflections of one word together", () => {
    for (const family of [
      ["vaccination", "vaccinations", "vaccinated", "vaccinating", "vaccinate"],
      ["vomit", "vomiting", "vomited", "vomits", "vomitting"],
      ["stop", "stopped", "stopping", "stops"],
      ["scratch", "scratches", "scratching"],
    ])
      expect(new Set(family.map(stem)).size).toBe(1);
  });

  it("leaves short words and -ss, -us endings alone", () => {
    expect(["cat", "grass", "virus", "being"].map(stem)).toEqual(["cat", "grass", "virus", "being"]);
  });

  it("makes four-letter plurals singular, so 'ears' meets 'ear' in a record", () => {
    expect(["ears", "eyes", "paws", "dogs", "plus", "less"].map(stem)).toEqual([
      "ear",
      "eye",
      "paw",
      "dog",
      "plus",
      "less",
    ]);
  });
});

describe("contentWords", () => {
  it("drops stop words and filler, maps owners' words (inflected too) and phrases", () => {
    expect(contentWords("My puppy keeps throwing up and pooped on the rug, help!")).toEqual(
      contentWords("puppy vomit faeces rug"),
    );
    expect(contentWords("Café's jabs")).toEqual(["cafe", "vaccinat"]);
  });
});

describe("queryTerms", () => {
  it("keeps each word as written and adds the article word it maps to, once", () => {
    expect(queryTerms("jabs for my puppy, jabs!")).toEqual(["jabs", "vaccination", "puppy"]);
    expect(queryTerms("what is it?")).toEqual([]);
  });
});
