/**
 * Splits a document into the pieces retrieval returns: at headings first (a chunk is about one
 * thing and says which), merging short sections up to MAX_TOKENS and splitting long ones at
 * paragraphs and sentences with OVERLAP_TOKENS carried over, so an answer that straddles a split is
 * still found whole in one of the two pieces.
 */

export const MIN_TOKENS = 300;
export const MAX_TOKENS = 500;
export const OVERLAP_TOKENS = 50;

export interface Chunk {
  /** The headings of the sections the chunk covers, in order ("Ear problems in dogs" for the lead paragraph). */
  headings: string[];
  text: string;
  tokens: number;
}

interface Section {
  heading: string;
  paragraphs: string[];
}

/**
 * Tokens as a model's tokenizer would count English prose, estimated: about 1.3 per word. Exact
 * counts need the provider's tokenizer; the bounds only need to be roughly right.
 */
export function estimateTokens(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.ceil(words * 1.3);
}

function sectionsOf(markdown: string, title: string): Section[] {
  const sections: Section[] = [];
  let current: Section = { heading: title, paragraphs: [] };
  let paragraph: string[] = [];
  const endParagraph = () => {
    const text = paragraph.join("\n").trim();
    if (text) current.paragraphs.push(text);
    paragraph = [];
  };
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      endParagraph();
      if (current.paragraphs.length > 0) sections.push(current);
      // The document's own title heading starts its lead section.
      current = { heading: heading[1] === "#" ? title : heading[2]!.trim(), paragraphs: [] };
    } else if (line.trim() === "") endParagraph();
    else paragraph.push(line);
  }
  endParagraph();
  if (current.paragraphs.length > 0) sections.push(current);
  return sections;
}

/** A long paragraph cut at sentence ends into pieces of at most `max` tokens. */
function piecesOf(paragraph: string, max: number): string[] {
  if (estimateTokens(paragraph) <= max) return [paragraph];
  const sentences = paragraph.match(/[^.!?]+(?:[.!?]+|$)\s*/g) ?? [paragraph];
  const pieces: string[] = [];
  let piece = "";
  for (const sentence of sentences) {
    if (piece && estimateTokens(piece + sentence) > max) {
      pieces.push(piece.trim());
      piece = "";
    }
    piece += sentence;
  }
  if (piece.trim()) pieces.push(piece.trim());
  return pieces;
}

/** The last ~OVERLAP_TOKENS of a text, starting at a sentence when one starts close enough. */
function tailOf(text: string): string {
  const words = text.split(/\s+/);
  const tail = words.slice(-Math.round(OVERLAP_TOKENS / 1.3)).join(" ");
  const sentenceStart = tail.search(/[.!?]\s+[A-Z]/);
  return sentenceStart >= 0 && sentenceStart < tail.length / 2 ? tail.slice(sentenceStart + 1).trim() : tail;
}

/** The chunks of a Markdown or plain-text document. */
export function chunkDocument(markdown: string, title: string): Chunk[] {
  const chunks: Chunk[] = [];
  let headings: string[] = [];
  let parts: string[] = [];
  const flush = () => {
    if (parts.length === 0) return;
    const text = parts.join("\n\n");
    chunks.push({ headings, text, tokens: estimateTokens(text) });
    headings = [];
    parts = [];
  };
  for (const section of sectionsOf(markdown, title)) {
    const sectionText = section.paragraphs.join("\n\n");
    const tokens = estimateTokens(sectionText);
    // A section joins the open chunk while both fit; a chunk already long enough is closed first.
    if (
      parts.length > 0 &&
      (estimateTokens(parts.join("\n\n")) >= MIN_TOKENS || estimateTokens(parts.join("\n\n")) + tokens > MAX_TOKENS)
    )
      flush();
    if (tokens <= MAX_TOKENS) {
      headings.push(section.heading);
      parts.push(sectionText);
      continue;
    }
    flush();
    // A long section: pieces of at most MAX_TOKENS, each after the previous one's tail.
    let open = "";
    for (const paragraph of section.paragraphs.flatMap((p) => piecesOf(p, MAX_TOKENS - OVERLAP_TOKENS))) {
      if (open && estimateTokens(`${open}\n\n${paragraph}`) > MAX_TOKENS) {
        chunks.push({ headings: [section.heading], text: open, tokens: estimateTokens(open) });
        open = tailOf(open);
      }
      open = open ? `${open}\n\n${paragraph}` : paragraph;
    }
    if (open) chunks.push({ headings: [section.heading], text: open, tokens: estimateTokens(open) });
  }
  flush();
  return chunks;
}

/** What is embedded for a chunk: its document's title and headings give it context its text lacks. */
export function chunkEmbeddingText(title: string, headings: readonly string[], text: string): string {
  return `${title}. ${headings.filter((h) => h !== title).join(". ")}. ${text}`;
}

/**
 * A document's chunks with their vectors: what both the start-up ingest and `addKnowledgeDocument`
 * store. Batching for a provider is the embedder's business (ProviderEmbedder sends 64 at a time).
 */
export async function embeddedChunks(
  embedder: { embed(texts: readonly string[]): Promise<number[][]> },
  title: string,
  body: string,
): Promise<(Chunk & { embedding: number[] })[]> {
  const chunks = chunkDocument(body, title);
  const vectors = await embedder.embed(chunks.map((c) => chunkEmbeddingText(title, c.headings, c.text)));
  return chunks.map((c, i) => ({ ...c, embedding: vectors[i]! }));
}
