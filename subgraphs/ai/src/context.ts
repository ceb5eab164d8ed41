import type DataLoader from "dataloader";
import { groupLoader, type BaseContext } from "@pawgraph/subgraph-kit";
import type { AssistantRepository, ExchangeRow } from "./assistant/assistant.repository";

/** Per-request context of ai: the kit's base context and fresh DataLoaders (docs/decisions/0028). */
export interface AiContext extends BaseContext {
  loaders: {
    /** Each thread's latest 100 exchanges: one statement for a page of threads. */
    exchanges: DataLoader<string, ExchangeRow[]>;
  };
}

export function createAiContext(base: BaseContext, exchanges: AssistantRepository): AiContext {
  return {
    ...base,
    loaders: {
      exchanges: groupLoader(
        (ids) => exchanges.exchangesOf(ids),
        (row) => row.threadId,
      ),
    },
  };
}
