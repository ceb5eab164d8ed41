import type DataLoader from "dataloader";
import { groupLoader, rowLoader, type BaseContext } from "@pawgraph/subgraph-kit";
import type { AssistantRepository, ExchangeRow } from "./assistant/assistant.repository";
import type { KnowledgeRepository } from "./knowledge/knowledge.repository";

/** Per-request context of ai: the kit's base context and fresh DataLoaders (docs/decisions/0028). */
export interface AiContext extends BaseContext {
  loaders: {
    /** Each thread's latest 100 exchanges: one statement for a page of threads. */
    exchanges: DataLoader<string, ExchangeRow[]>;
    /** Knowledge documents' bodies: one statement for a listed page. */
    documentBodies: DataLoader<string, { id: string; body: string } | null>;
  };
}

export function createAiContext(
  base: BaseContext,
  exchanges: AssistantRepository,
  knowledge: KnowledgeRepository,
): AiContext {
  return {
    ...base,
    loaders: {
      exchanges: groupLoader(
        (ids) => exchanges.exchangesOf(ids),
        (row) => row.threadId,
      ),
      documentBodies: rowLoader(
        (ids) => knowledge.bodies(ids),
        (row) => row.id,
      ),
    },
  };
}
