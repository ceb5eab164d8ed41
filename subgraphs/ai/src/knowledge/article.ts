import { createHash } from "node:crypto";
import { parse } from "yaml";
import { z } from "zod";
import { KNOWLEDGE_TOPICS, SPECIES } from "./knowledge.values";

/** A care article's front matter, checked: a malformed article stops the start, it is never half-indexed. */
const FRONT_MATTER = z.strictObject({
  title: z.string().min(3).max(200),
  species: z.array(z.enum(SPECIES)).min(1),
  topic: z.enum(KNOWLEDGE_TOPICS),
  reviewedBy: z.string().min(3).max(300),
});

export interface Article {
  slug: string;
  title: string;
  species: string[];
  topic: string;
  reviewedBy: string;
  /** The Markdown after the front matter. */
  body: string;
  /** sha256 of the whole file: ingestion skips an article whose hash and embedding model are unchanged. */
  contentHash: string;
}

export function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Parses `---` YAML front matter + Markdown; throws naming the file and the field at fault. */
export function parseArticle(slug: string, file: string): Article {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(file);
  if (!match) throw new Error(`knowledge/${slug}.md: no front matter (--- title, species, topic, reviewedBy ---)`);
  const parsed = FRONT_MATTER.safeParse(parse(match[1]!));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`knowledge/${slug}.md: ${issue.path.join(".") || "front matter"}: ${issue.message}`);
  }
  return { slug, ...parsed.data, body: match[2]!.trim(), contentHash: contentHash(file) };
}
