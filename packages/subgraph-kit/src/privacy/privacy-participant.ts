import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { DataSource, EntityManager } from "typeorm";
import { pgPoolOf } from "../db";
import type { FileStore } from "../files/file-store";
import { alreadyProcessed, consume, idempotentHandler } from "../outbox/consumer";
import { skipUndecodable } from "../outbox/contract";
import type { EventBus, EventSubscription } from "../outbox/event";
import { writeEvent } from "../outbox/outbox";
import type { PersonalDataRegistry } from "../personal-data";
import {
  collectPersonalData,
  erasePersonalDataIn,
  managerExecutor,
  type PersonalDataSubject,
} from "../personal-data-store";
import { ERASURE_DUE, EXPORT_REQUESTED, exportPartKey, privacyAnswersOf } from "./privacy-events";

export interface PrivacyParticipant {
  /** The subgraph (= its Postgres schema and the `subgraph` in its answers). */
  subgraph: string;
  registry: PersonalDataRegistry;
  /** The privacy store every participant and identity share (`openPrivacyFileStore`). */
  files: FileStore;
  /**
   * What must happen before the rules run, in the same transaction: a pet left without owners goes,
   * care plans are cancelled. `erasedId` is the id the rules put in the person's place: an event
   * written here names it, never the person, so no consumer brings the person back after its own
   * erasure. Returns rows it changed, counted in the answer.
   */
  beforeErasure?: (manager: EntityManager, subject: PersonalDataSubject, erasedId: string) => Promise<number>;
  /**
   * Whether it erases its share on `privacy.erasure_due` (default true). identity says false: it
   * takes part in exports, and erases itself last, once every other subgraph has answered.
   */
  erasesWhenDue?: boolean;
  log: Logger;
}

/**
 * Takes the subgraph's part in privacy requests (docs/decisions/0048): on `privacy.export_requested`
 * it writes every listed table's rows about the person to the privacy store as one JSON document and
 * answers `privacy.export_part_written`; on `privacy.erasure_due` it runs `beforeErasure` and the
 * registry's rules in one transaction with its answer `privacy.erasure_completed`. Both consumers are
 * durable groups, so a subgraph that was down does its share when it comes back; both are idempotent.
 */
export async function takePartInPrivacyRequests(
  bus: EventBus,
  dataSource: DataSource,
  participant: PrivacyParticipant,
): Promise<EventSubscription[]> {
  return Promise.all([
    writeExportParts(bus, dataSource, participant),
    ...(participant.erasesWhenDue === false ? [] : [eraseWhenDue(bus, dataSource, participant)]),
  ]);
}

/** The export half. */
function writeExportParts(
  bus: EventBus,
  dataSource: DataSource,
  participant: Omit<PrivacyParticipant, "beforeErasure">,
): Promise<EventSubscription> {
  const { subgraph, registry, log } = participant;
  const answers = privacyAnswersOf(subgraph);
  const exportConsumer = `${subgraph}.privacy-export`;
  return bus.subscribe({
    group: exportConsumer,
    handler: skipUndecodable(async (event) => {
      if (event.type !== EXPORT_REQUESTED.type) return;
      const { exportId, userId, email } = EXPORT_REQUESTED.decode(event);
      if (await alreadyProcessed(dataSource, subgraph, exportConsumer, event.id)) return;
      // Read in a snapshot of its own (on the pool, not in a consumer's transaction) and stored before
      // the answer is recorded: a redelivery writes the same key again.
      const tables = await collectPersonalData(pgPoolOf(dataSource), registry, { userId, email });
      const document = {
        subgraph,
        exportedAt: new Date().toISOString(),
        tables: Object.fromEntries(
          Object.entries(tables).map(([table, rows]) => [table, { about: registry.tables[table]!.reason, rows }]),
        ),
      };
      const rows = Object.values(tables).reduce((sum, list) => sum + list.length, 0);
      await participant.files.put(
        exportPartKey(exportId, subgraph),
        Buffer.from(JSON.stringify(document, null, 2)),
        "application/json",
      );
      await idempotentHandler({
        dataSource,
        schema: subgraph,
        consumer: exportConsumer,
        handle: async (_event, manager) => {
          const key = exportPartKey(exportId, subgraph);
          await writeEvent(manager, subgraph, answers.partWritten.create(exportId, { exportId, subgraph, key, rows }));
        },
      })(event);
      log.info({ exportId, rows }, "privacy export part written");
    }, log),
  });
}

/** The erasure half: the rules (after `beforeErasure`) and the answer, in one transaction. */
function eraseWhenDue(
  bus: EventBus,
  dataSource: DataSource,
  participant: PrivacyParticipant,
): Promise<EventSubscription> {
  const { subgraph, registry, log } = participant;
  const answers = privacyAnswersOf(subgraph);
  return consume(bus, {
    dataSource,
    schema: subgraph,
    consumer: `${subgraph}.privacy-erasure`,
    types: [ERASURE_DUE.type],
    handle: async (event, manager) => {
      const { deletionId, userId, email } = ERASURE_DUE.decode(event);
      const subject = { userId, email };
      const erasedId = randomUUID();
      const before = (await participant.beforeErasure?.(manager, subject, erasedId)) ?? 0;
      const changed = await erasePersonalDataIn(managerExecutor(manager), registry, subject, erasedId);
      const rows = before + Object.values(changed).reduce((sum, n) => sum + n, 0);
      await writeEvent(manager, subgraph, answers.erasureCompleted.create(deletionId, { deletionId, subgraph, rows }));
      log.info({ deletionId, rows }, "privacy erasure done");
    },
  });
}
