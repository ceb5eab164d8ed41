import type { DataSource, EntityManager } from "typeorm";

/** A row of `messaging.attachments`. */
export interface AttachmentRow {
  id: string;
  conversation_id: string;
  message_id: string | null;
  uploaded_by: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  storage_key: string;
}

/** Queries of `messaging.attachments`. */
export class AttachmentRepository {
  constructor(private readonly db: DataSource) {}

  async insert(row: Omit<AttachmentRow, "message_id">): Promise<void> {
    await this.db.query(
      `INSERT INTO messaging.attachments (id, conversation_id, uploaded_by, file_name, content_type, size_bytes, storage_key) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.id, row.conversation_id, row.uploaded_by, row.file_name, row.content_type, row.size_bytes, row.storage_key],
    );
  }

  /** The attachment, locked until the transaction ends: two messages cannot both take it. */
  async lockForSend(manager: EntityManager, id: string): Promise<AttachmentRow | undefined> {
    const rows: AttachmentRow[] = await manager.query(`SELECT * FROM messaging.attachments WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows[0];
  }

  async attachTo(manager: EntityManager, id: string, messageId: string): Promise<void> {
    await manager.query(`UPDATE messaging.attachments SET message_id = $2 WHERE id = $1`, [id, messageId]);
  }

  byMessageIds(messageIds: readonly string[]): Promise<AttachmentRow[]> {
    return this.db.query(`SELECT * FROM messaging.attachments WHERE message_id = ANY($1::uuid[]) ORDER BY created_at`, [
      [...messageIds],
    ]);
  }
}
