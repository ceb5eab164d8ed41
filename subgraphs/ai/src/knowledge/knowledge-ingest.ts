import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import type { Logger } from "@pawgraph/subgraph-kit";
import type { Embedder } from "../embedding/embedder";
import { parseArticle, type Article } from "./article";
import { chunkEmbeddingText, embeddedChunks } from "./chunker";
import type { KnowledgeRepository } from "./knowledge.repository";

/** The care articles shipped with ai (Markdown with front matter). */
export const KNOWLEDGE_DIR = join(__dirname, "..", "..", "knowledge");

/** How many chunks are embedded per call when the model changed. */
const REEMBED_BATCH = 64;

export interface IngestReport {
  articles: number;
  added: number;
  updated: number;
  removed: number;
  reembedded: number;
}

export async function readArticles(dir = KNOWLEDGE_DIR): Promise<Article[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".md")).sort();
  return Promise.all(files.map(async (f) => parseArticle(f.slice(0, -3), await readFile(join(dir, f), "utf8"))));
}

/**
 * Brings the index in line with the shipped articles on start: an article whose content hash or
 * embedding model changed is re-chunked and re-embedded, a removed one is deleted, an unchanged one
 * is left alone (a restart costs one query). Documents added through the API are re-embedded when
 * the model changes. One instance at a time (advisory lock), so replicas starting together agree.
 */
export async function ingestKnowledge(
  db: DataSource,
  knowledge: KnowledgeRepository,
  embedder: Embedder,
  log: Logger,
  dir = KNOWLEDGE_DIR,
): Promise<IngestReport> {
  const articles = await readArticles(dir);
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext('ai.knowledge-ingest'))`);
    const state = await knowledge.builtInState();
    const report: IngestReport = { articles: articles.length, added: 0, updated: 0, removed: 0, reembedded: 0 };
    for (const article of articles) {
      const stored = state.get(article.slug);
      if (stored && stored.contentHash === article.contentHash && stored.models.every((m) => m === embedder.model))
        continue;
      const chunks = await embeddedChunks(embedder, article.title, article.body);
      await knowledge.save({
        slug: article.slug,
        title: article.title,
        species: article.species,
        topic: article.topic,
        reviewedBy: article.reviewedBy,
        scope: "BUILT_IN",
        clinicId: null,
        format: "MARKDOWN",
        contentHash: article.contentHash,
        body: article.body,
        addedBy: null,
        chunks,
        embeddingModel: embedder.model,
      });
      if (stored) report.updated++;
      else report.added++;
    }
    report.removed = await knowledge.deleteBuiltInsExcept(articles.map((a) => a.slug));
    for (;;) {
      const stale = await knowledge.chunksNotEmbeddedBy(embedder.model, REEMBED_BATCH);
      if (stale.length === 0) break;
      const vectors = await embedder.embed(stale.map((c) => chunkEmbeddingText(c.title, c.headings, c.text)));
      await knowledge.setEmbeddings(
        stale.map((c, i) => ({ id: c.id, embedding: vectors[i]! })),
        embedder.model,
      );
      report.reembedded += stale.length;
    }
    log.info(report, "knowledge index up to date");
    return report;
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(hashtext('ai.knowledge-ingest'))`).catch(() => undefined);
    await runner.release();
  }
}
