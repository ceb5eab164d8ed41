import type { DataSource } from "typeorm";
import { consume, privacyAnswersOf, type EventBus, type EventSubscription } from "@pawgraph/subgraph-kit";
import type { AccountDeletionService } from "./account-deletion.service";
import type { DataExportService } from "./data-export.service";
import { ERASURE_COMPLETED_TYPE, PART_WRITTEN_TYPE } from "./participants";

// The answers' schema is the same from every participant: one reader decodes them all.
const ANSWERS = privacyAnswersOf("identity");

/** identity hears every participant's answers: parts of exports and confirmations of erasures. */
export function consumePrivacyAnswers(
  bus: EventBus,
  dataSource: DataSource,
  services: { exports: DataExportService; deletions: AccountDeletionService },
): Promise<EventSubscription> {
  return consume(bus, {
    dataSource,
    schema: "identity",
    consumer: "identity.privacy-answers",
    types: [PART_WRITTEN_TYPE, ERASURE_COMPLETED_TYPE],
    handle: async (event, manager) => {
      if (event.type === PART_WRITTEN_TYPE)
        await services.exports.partWritten(manager, ANSWERS.partWritten.decode(event));
      else await services.deletions.erasureCompleted(manager, ANSWERS.erasureCompleted.decode(event));
    },
  });
}
