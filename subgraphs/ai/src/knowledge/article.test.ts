import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { contentHash, parseArticle } from "./article";
import { KNOWLEDGE_DIR, readArticles } from "./knowledge-ingest";
import { KNOWLEDGE_TOPICS, SPECIES } from "./knowledge.values";

const article = (frontMatter: string, body = "# Title\n\nText.") => `---\n${frontMatter}\n---\n${body}\n`;
const GOOD = `title: Ear care\nspecies: [DOG]\ntopic: SKIN_AND_EARS\nreviewedBy: Pawgraph care content team`;

describe("the shipped care articles", () => {
  it("all parse, with a known species and topic, a reviewer, and a body that starts with the title", async () => {
    const articles = await readArticles();
    expect(articles).toHaveLength(44);
    for (const a of articles) {
      expect(a.species.every((s) => (SPECIES as readonly string[]).includes(s))).toBe(true);
      expect(KNOWLEDGE_TOPICS as readonly string[]).toContain(a.topic);
      expect(a.reviewedBy.length).toBeGreaterThan(10);
      expect({ slug: a.slug, lead: a.body.split("\n")[0] }).toEqual({ slug: a.slug, lead: `# ${a.title}` });
      expect(a.contentHash).toBe(contentHash(await readFile(join(KNOWLEDGE_DIR, `${a.slug}.md`), "utf8")));
    }
    expect(new Set(articles.map((a) => a.title)).size).toBe(articles.length);
  });
});

describe("parseArticle", () => {
  it("reads the front matter and keeps the Markdown after it", () => {
    expect(parseArticle("ear-care", article(GOOD))).toEqual({
      slug: "ear-care",
      title: "Ear care",
      species: ["DOG"],
      topic: "SKIN_AND_EARS",
      reviewedBy: "Pawgraph care content team",
      body: "# Title\n\nText.",
      contentHash: contentHash(article(GOOD)),
    });
  });

  it("names the file and the field at fault", () => {
    const cases: [string, RegExp][] = [
      [GOOD.replace("species: [DOG]", "species: [DRAGON]"), /^knowledge\/bad\.md: species\.0: /],
      [GOOD.replace("species: [DOG]", "species: []"), /^knowledge\/bad\.md: species: /],
      [GOOD.replace("topic: SKIN_AND_EARS", "topic: ASTROLOGY"), /^knowledge\/bad\.md: topic: /],
      [GOOD.replace("title: Ear care", "title: E"), /^knowledge\/bad\.md: title: /],
      [GOOD.replace(/\nreviewedBy: .*/, ""), /^knowledge\/bad\.md: reviewedBy: /],
      [`${GOOD}\nauthor: someone`, /^knowledge\/bad\.md: .*author/],
    ];
    for (const [frontMatter, message] of cases)
      expect(() => parseArticle("bad", article(frontMatter))).toThrow(message);
  });

  it("refuses a file without front matter, naming it", () => {
    expect(() => parseArticle("bare", "# Just Markdown\n\nText.")).toThrow(/^knowledge\/bare\.md: no front matter/);
  });

  it("refuses front matter that is not a mapping", () => {
    expect(() => parseArticle("list", article("- a\n- b"))).toThrow(/^knowledge\/list\.md: front matter: /);
  });
});
