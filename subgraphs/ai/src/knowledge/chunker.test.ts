import { chunkDocument, chunkEmbeddingText, estimateTokens, MAX_TOKENS, MIN_TOKENS, OVERLAP_TOKENS } from "./chunker";
import { readArticles } from "./knowledge-ingest";

/** `n` distinct sentences of ten words each (13 tokens). */
const sentences = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => `The ${tag} sentence number ${i} says one plain thing about pets.`).join(" ");

const headingsOf = (markdown: string) => [...markdown.matchAll(/^##+\s+(.+?)\s*$/gm)].map((m) => m[1]!);

describe("chunkDocument on the shipped care articles", () => {
  it("keeps every chunk within MAX_TOKENS and every heading of every article in some chunk", async () => {
    const articles = await readArticles();
    expect(articles.length).toBe(44);
    for (const article of articles) {
      const chunks = chunkDocument(article.body, article.title);
      expect(chunks.length).toBeGreaterThan(0);
      for (const chunk of chunks) {
        expect({ slug: article.slug, over: chunk.tokens > MAX_TOKENS }).toEqual({ slug: article.slug, over: false });
        expect(chunk.tokens).toBe(estimateTokens(chunk.text));
        expect(chunk.headings.length).toBeGreaterThan(0);
      }
      // The lead section is named after the article; every `##` heading is kept.
      expect(chunks[0]!.headings[0]).toBe(article.title);
      const covered = new Set(chunks.flatMap((c) => c.headings));
      for (const heading of headingsOf(article.body))
        expect({ heading, covered: covered.has(heading) }).toEqual({
          heading,
          covered: true,
        });
    }
  });
});

describe("chunkDocument", () => {
  it("merges a lead and short sections into one chunk that names them all", () => {
    const markdown = `# Title\n\nA short lead.\n\n## First\n\nOne.\n\n## Second\n\nTwo.\n\n### Third\n\nThree.`;
    expect(chunkDocument(markdown, "Ear care")).toEqual([
      {
        headings: ["Ear care", "First", "Second", "Third"],
        text: "A short lead.\n\nOne.\n\nTwo.\n\nThree.",
        tokens: estimateTokens("A short lead. One. Two. Three."),
      },
    ]);
  });

  it("closes a chunk once it reaches MIN_TOKENS, and before it would pass MAX_TOKENS", () => {
    // Sections of 26 sentences ≈ 338 tokens each: two never fit together, each is a chunk of its own.
    const long = ["A", "B", "C"].map((h) => `## ${h}\n\n${sentences(26, h)}`).join("\n\n");
    expect(chunkDocument(long, "T").map((c) => c.headings)).toEqual([["A"], ["B"], ["C"]]);
    // Sections of 10 sentences (130 tokens): merged until the chunk holds MIN_TOKENS.
    const short = ["A", "B", "C", "D", "E"].map((h) => `## ${h}\n\n${sentences(10, h)}`).join("\n\n");
    const chunks = chunkDocument(short, "T");
    expect(chunks.map((c) => c.headings)).toEqual([
      ["A", "B", "C"],
      ["D", "E"],
    ]);
    expect(chunks[0]!.tokens).toBeGreaterThanOrEqual(MIN_TOKENS);
  });

  it("splits a long section into pieces within MAX_TOKENS, each starting with the end of the one before", () => {
    const paragraphs = Array.from({ length: 6 }, (_, i) => sentences(12, `p${i}`)).join("\n\n");
    const chunks = chunkDocument(`## Long\n\n${paragraphs}`, "T");
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.headings).toEqual(["Long"]);
      expect(chunk.tokens).toBeLessThanOrEqual(MAX_TOKENS);
    }
    for (let i = 1; i < chunks.length; i++) {
      const start = chunks[i]!.text.split("\n\n")[0]!;
      expect(chunks[i - 1]!.text.endsWith(start)).toBe(true);
      expect(estimateTokens(start)).toBeLessThanOrEqual(OVERLAP_TOKENS + 13);
      expect(estimateTokens(start)).toBeGreaterThan(0);
    }
    // Nothing is lost: every sentence is in some chunk.
    const all = chunks.map((c) => c.text).join(" ");
    for (let p = 0; p < 6; p++) expect(all).toContain(`The p${p} sentence number 11 says`);
  });

  it("cuts a paragraph longer than MAX_TOKENS at sentence ends", () => {
    const chunks = chunkDocument(`## One block\n\n${sentences(80, "x")}`, "T");
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.tokens).toBeLessThanOrEqual(MAX_TOKENS);
      expect(chunk.text).toMatch(/^The x sentence number \d+ says.*pets\.$/s);
    }
  });

  it("reads plain text without headings as one lead section", () => {
    expect(chunkDocument("Opening hours are nine to five.\n\nCall ahead.", "Clinic notes")).toEqual([
      { headings: ["Clinic notes"], text: "Opening hours are nine to five.\n\nCall ahead.", tokens: 11 },
    ]);
  });
});

describe("chunkEmbeddingText", () => {
  it("prefixes the title and the headings other than the title", () => {
    expect(chunkEmbeddingText("Ear care", ["Ear care", "Mites"], "Text.")).toBe("Ear care. Mites. Text.");
  });
});
