import type { AttachmentEntity } from "./attachment.entity";
import type { Attachment, AttachmentStatus } from "./attachment.type";

export function toAttachment(row: AttachmentEntity): Attachment & { entity: AttachmentEntity } {
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    status: row.status as AttachmentStatus,
    recordId: row.recordId,
    createdAt: row.createdAt,
    entity: row,
  };
}
