import type { EntityManager } from "typeorm";
import { PrivacyRequestPart } from "./privacy.type";

export interface DataExportRow {
  id: string;
  userId: string;
  requestedAt: Date;
  readyAt: Date | null;
  archiveKey: string | null;
  availableUntil: Date | null;
}

export interface AccountDeletionRow {
  id: string;
  userId: string;
  requestedAt: Date;
  erasureDueAt: Date;
  erasureStartedAt: Date | null;
}

export interface PartRow {
  subgraph: string;
  rows: number;
}

const EXPORT_COLUMNS = `id, user_id AS "userId", requested_at AS "requestedAt", ready_at AS "readyAt",
  archive_key AS "archiveKey", available_until AS "availableUntil"`;
const DELETION_COLUMNS = `id, user_id AS "userId", requested_at AS "requestedAt", erasure_due_at AS "erasureDueAt",
  erasure_started_at AS "erasureStartedAt"`;

/** identity's privacy-request tables, in the caller's transaction (plain SQL: the event consumers' data source has no entities). */
export class PrivacyRepository {
  /** The account's address and name, for the answer consumer's mail and erasure. */
  async contactOf(tx: EntityManager, userId: string): Promise<{ email: string; displayName: string } | null> {
    const rows: { email: string; displayName: string }[] = await tx.query(
      `SELECT email, display_name AS "displayName" FROM identity.users WHERE id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }

  async exportById(tx: EntityManager, id: string, lock = false): Promise<DataExportRow | null> {
    const rows: DataExportRow[] = await tx.query(
      `SELECT ${EXPORT_COLUMNS} FROM identity.data_exports WHERE id = $1 ${lock ? "FOR UPDATE" : ""}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async exportsOf(tx: EntityManager, userId: string, limit: number): Promise<DataExportRow[]> {
    return tx.query(
      `SELECT ${EXPORT_COLUMNS} FROM identity.data_exports WHERE user_id = $1 ORDER BY requested_at DESC LIMIT $2`,
      [userId, limit],
    );
  }

  async countExportsSince(tx: EntityManager, userId: string, since: Date): Promise<number> {
    const rows: { n: number }[] = await tx.query(
      `SELECT count(*)::int AS n FROM identity.data_exports WHERE user_id = $1 AND requested_at > $2`,
      [userId, since],
    );
    return rows[0]?.n ?? 0;
  }

  async insertExport(tx: EntityManager, userId: string): Promise<DataExportRow> {
    const rows: DataExportRow[] = await tx.query(
      `INSERT INTO identity.data_exports (user_id) VALUES ($1) RETURNING ${EXPORT_COLUMNS}`,
      [userId],
    );
    return rows[0]!;
  }

  async markExportReady(tx: EntityManager, id: string, archiveKey: string, availableUntil: Date): Promise<void> {
    await tx.query(
      `UPDATE identity.data_exports SET ready_at = now(), archive_key = $2, available_until = $3 WHERE id = $1`,
      [id, archiveKey, availableUntil],
    );
  }

  /** Records a part once (a redelivered answer changes nothing); returns every part recorded so far. */
  async addExportPart(tx: EntityManager, exportId: string, subgraph: string, key: string, rows: number) {
    await tx.query(
      `INSERT INTO identity.data_export_parts (export_id, subgraph, part_key, rows) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [exportId, subgraph, key, rows],
    );
    return this.exportParts(tx, [exportId]).then((parts) => parts.get(exportId) ?? []);
  }

  /** Parts of several exports in one statement, by export id. */
  async exportParts(tx: EntityManager, exportIds: string[]): Promise<Map<string, (PartRow & { key: string })[]>> {
    const rows: (PartRow & { key: string; exportId: string })[] = await tx.query(
      `SELECT export_id AS "exportId", subgraph, part_key AS key, rows FROM identity.data_export_parts
        WHERE export_id = ANY($1::uuid[])`,
      [exportIds],
    );
    const byExport = new Map<string, (PartRow & { key: string })[]>();
    for (const { exportId, ...part } of rows) byExport.set(exportId, [...(byExport.get(exportId) ?? []), part]);
    return byExport;
  }

  async deletionOf(tx: EntityManager, userId: string, lock = false): Promise<AccountDeletionRow | null> {
    const rows: AccountDeletionRow[] = await tx.query(
      `SELECT ${DELETION_COLUMNS} FROM identity.account_deletions WHERE user_id = $1 ${lock ? "FOR UPDATE" : ""}`,
      [userId],
    );
    return rows[0] ?? null;
  }

  async lockDeletion(tx: EntityManager, id: string): Promise<AccountDeletionRow | null> {
    const rows: AccountDeletionRow[] = await tx.query(
      `SELECT ${DELETION_COLUMNS} FROM identity.account_deletions WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insertDeletion(tx: EntityManager, userId: string, erasureDueAt: Date): Promise<AccountDeletionRow> {
    const rows: AccountDeletionRow[] = await tx.query(
      `INSERT INTO identity.account_deletions (user_id, erasure_due_at) VALUES ($1, $2) RETURNING ${DELETION_COLUMNS}`,
      [userId, erasureDueAt],
    );
    return rows[0]!;
  }

  async removeDeletion(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`DELETE FROM identity.account_deletions WHERE id = $1`, [id]);
  }

  /** Deletions past their grace period not yet started, locked; other instances skip them. */
  async claimDueDeletions(tx: EntityManager, limit: number): Promise<AccountDeletionRow[]> {
    // A CTE, so the statement is a SELECT: TypeORM returns an UPDATE's rows with its count attached.
    return tx.query(
      `WITH claimed AS (
         UPDATE identity.account_deletions SET erasure_started_at = now()
          WHERE id IN (SELECT id FROM identity.account_deletions
                        WHERE erasure_started_at IS NULL AND erasure_due_at <= now()
                        ORDER BY erasure_due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING *)
       SELECT ${DELETION_COLUMNS} FROM claimed`,
      [limit],
    );
  }

  async addDeletionPart(tx: EntityManager, deletionId: string, subgraph: string, rows: number): Promise<PartRow[]> {
    await tx.query(
      `INSERT INTO identity.account_deletion_parts (deletion_id, subgraph, rows) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [deletionId, subgraph, rows],
    );
    return this.deletionParts(tx, deletionId);
  }

  deletionParts(tx: EntityManager, deletionId: string): Promise<PartRow[]> {
    return tx.query(`SELECT subgraph, rows FROM identity.account_deletion_parts WHERE deletion_id = $1`, [deletionId]);
  }

  async insertReceipt(tx: EntityManager, deletion: AccountDeletionRow, rowsBySubgraph: Record<string, number>) {
    await tx.query(
      `INSERT INTO identity.erasure_receipts (id, requested_at, erasure_started_at, rows_by_subgraph)
       VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT DO NOTHING`,
      [deletion.id, deletion.requestedAt, deletion.erasureStartedAt, JSON.stringify(rowsBySubgraph)],
    );
  }
}

/** Every participant's part in a fixed order, done or not. */
export function partsInOrder(participants: readonly string[], done: readonly PartRow[]): PrivacyRequestPart[] {
  const bySubgraph = new Map(done.map((part) => [part.subgraph, part.rows]));
  return participants.map((subgraph) =>
    Object.assign(new PrivacyRequestPart(), {
      subgraph,
      done: bySubgraph.has(subgraph),
      rows: bySubgraph.get(subgraph) ?? null,
    }),
  );
}
