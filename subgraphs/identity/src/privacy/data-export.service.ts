import { zipSync, strToU8 } from "fflate";
import type { Readable } from "node:stream";
import type { DataSource, EntityManager } from "typeorm";
import {
  DomainError,
  EXPORT_REQUESTED_CONTRACT,
  NotFoundError,
  writeEvent,
  type BaseContext,
  type FileStore,
} from "@pawgraph/subgraph-kit";
import { DATA_EXPORT_READY, IDENTITY_SCHEMA } from "../events";
import { UserEntity } from "../user/user.entity";
import { PRIVACY_PARTICIPANTS } from "./participants";
import { ownSession } from "../session/own-session";
import { partsInOrder, type DataExportRow, type PrivacyRepository } from "./privacy.repository";
import { DataExport, DataExportStatus } from "./privacy.type";

export interface DataExportSettings {
  /** Exports one person may request per day: each reads every subgraph. */
  perDay: number;
  /** How long a finished ZIP is kept and served. */
  keepDays: number;
  /** How long the link in the notification works; `dataExport.downloadUrl` makes fresh ones. */
  mailedLinkHours: number;
}

/** A link asked for in the API works this long. */
const ASKED_LINK_SECONDS = 15 * 60;

/** What the ZIP says about itself; each part's tables say what they are for (`about`). */
const README = `Your Pawgraph data
==================

One JSON document per part of Pawgraph that holds data about you:

- identity.json: your account, sign-in methods (never passwords or secrets), roles, API keys.
- pets.json: pets you own or added, shares and invitations, weights you recorded.
- ehr.json: what you recorded in or about your pets' health records, as yourself.
- bookings.json: your appointments and what you wrote in them.
- messaging.json: your conversations, messages, notifications and preferences.
- catalog.json: your reviews, vendor applications and what you changed as vendor staff.
- orders.json: your carts, orders, care plans, coupons and refunds.
- ai.json: your conversations with the assistant.
- reports.json: the facts reports count you in.

In each document, "tables" holds every table with rows about you: "about" says what the table is
for and what deleting your account does to it, "rows" holds the rows (column: value).
`;

/**
 * Data exports (docs/decisions/0048): identity records the request and emits
 * `privacy.export_requested`; every participant writes its part to the privacy store and answers;
 * the last answer assembles the ZIP and tells the person through messaging.
 */
export class DataExportService {
  constructor(
    private readonly db: DataSource,
    private readonly repository: PrivacyRepository,
    private readonly files: FileStore,
    private readonly settings: DataExportSettings,
  ) {}

  /** Starts an export, or returns the one still collecting (asking twice starts nothing new). */
  async request(ctx: BaseContext): Promise<DataExport> {
    const viewer = ownSession(ctx, "request data exports");
    const row = await this.db.transaction(async (tx) => {
      // The user row's lock orders one person's requests, so the daily limit holds under concurrency.
      const user = await tx
        .getRepository(UserEntity)
        .findOne({ where: { id: viewer.userId }, lock: { mode: "pessimistic_write" } });
      if (!user) throw new NotFoundError("User");
      const [latest] = await this.repository.exportsOf(tx, user.id, 1);
      if (latest && !latest.readyAt) return latest;
      const since = new Date(Date.now() - 86_400_000);
      if ((await this.repository.countExportsSince(tx, user.id, since)) >= this.settings.perDay)
        throw new DomainError(
          "RATE_LIMITED",
          `At most ${this.settings.perDay} data exports a day: use the latest one's downloadUrl`,
        );
      const created = await this.repository.insertExport(tx, user.id);
      await writeEvent(
        tx,
        IDENTITY_SCHEMA,
        EXPORT_REQUESTED_CONTRACT.create(created.id, { exportId: created.id, userId: user.id, email: user.email }),
      );
      return created;
    });
    return (await this.present([row]))[0]!;
  }

  /** One of the viewer's exports; another person's is NOT_FOUND. */
  async byId(ctx: BaseContext, id: string): Promise<DataExport> {
    const viewer = ownSession(ctx, "read data exports");
    const row = await this.repository.exportById(this.db.manager, id);
    if (!row || row.userId !== viewer.userId) throw new NotFoundError("Data export", "id");
    return (await this.present([row]))[0]!;
  }

  async mine(ctx: BaseContext): Promise<DataExport[]> {
    const viewer = ownSession(ctx, "read data exports");
    return this.present(await this.repository.exportsOf(this.db.manager, viewer.userId, 10));
  }

  /**
   * A participant's answer, in the answer consumer's transaction: the part is recorded once; the
   * last one assembles the ZIP, marks the export ready and tells the person (all or nothing).
   */
  async partWritten(tx: EntityManager, answer: { exportId: string; subgraph: string; key: string; rows: number }) {
    const row = await this.repository.exportById(tx, answer.exportId, true);
    if (!row || row.readyAt) return; // gone with its account, or already assembled
    const parts = await this.repository.addExportPart(tx, row.id, answer.subgraph, answer.key, answer.rows);
    if (!PRIVACY_PARTICIPANTS.every((subgraph) => parts.some((part) => part.subgraph === subgraph))) return;
    const entries: Record<string, Uint8Array> = { "README.txt": strToU8(README) };
    for (const part of parts) {
      const stream = await this.files.read(part.key);
      if (!stream) throw new Error(`privacy export ${row.id}: ${part.subgraph}'s part is missing from the store`);
      entries[`${part.subgraph}.json`] = await bytesOf(stream);
    }
    const archiveKey = `exports/${row.id}/pawgraph-data.zip`;
    await this.files.put(archiveKey, Buffer.from(zipSync(entries, { level: 6 })), "application/zip");
    const availableUntil = new Date(Date.now() + this.settings.keepDays * 86_400_000);
    await this.repository.markExportReady(tx, row.id, archiveKey, availableUntil);
    const user = await this.repository.contactOf(tx, row.userId);
    if (!user) return;
    const link = await this.files.presignDownload(archiveKey, fileName(row), this.settings.mailedLinkHours * 3600);
    await writeEvent(
      tx,
      IDENTITY_SCHEMA,
      DATA_EXPORT_READY.create(row.id, {
        exportId: row.id,
        userId: row.userId,
        email: user.email,
        displayName: user.displayName,
        downloadUrl: link.url,
        linkExpiresAt: link.expiresAt.toISOString(),
        availableUntil: availableUntil.toISOString(),
      }),
    );
  }

  private async present(rows: DataExportRow[]): Promise<DataExport[]> {
    const parts = await this.repository.exportParts(
      this.db.manager,
      rows.map((row) => row.id),
    );
    const now = Date.now();
    return Promise.all(
      rows.map(async (row) => {
        const status = !row.readyAt
          ? DataExportStatus.COLLECTING
          : row.availableUntil && row.availableUntil.getTime() > now
            ? DataExportStatus.READY
            : DataExportStatus.EXPIRED;
        const downloadUrl =
          status === DataExportStatus.READY && row.archiveKey
            ? (await this.files.presignDownload(row.archiveKey, fileName(row), ASKED_LINK_SECONDS)).url
            : null;
        return Object.assign(new DataExport(), {
          id: row.id,
          status,
          requestedAt: row.requestedAt,
          readyAt: row.readyAt,
          availableUntil: row.availableUntil,
          parts: partsInOrder(PRIVACY_PARTICIPANTS, parts.get(row.id) ?? []),
          downloadUrl,
        });
      }),
    );
  }
}

const fileName = (row: DataExportRow) => `pawgraph-data-${row.requestedAt.toISOString().slice(0, 10)}.zip`;

async function bytesOf(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
