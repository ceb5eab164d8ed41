import { In, type DataSource, type EntityManager } from "typeorm";
import { AttachmentEntity } from "./attachment.entity";

/** Files on pets' records (their metadata; the bytes are in the file store). */
export class AttachmentRepository {
  constructor(private readonly db: DataSource) {}

  /** Attachments of these record entries, oldest first. */
  ofRecords(recordIds: readonly string[]): Promise<AttachmentEntity[]> {
    return this.db
      .getRepository(AttachmentEntity)
      .find({ where: { recordId: In([...recordIds]) }, order: { createdAt: "ASC" } });
  }

  /**
   * Attachments of these pets, on an entry or the record as a whole, oldest first. Files on an
   * owner-only home note are in only with `ownerOnlyNotes` (owners' reads).
   */
  ofPets(petIds: readonly string[], { ownerOnlyNotes }: { ownerOnlyNotes: boolean }): Promise<AttachmentEntity[]> {
    const query = this.db
      .getRepository(AttachmentEntity)
      .createQueryBuilder("a")
      .where("a.petId IN (:...petIds)", { petIds: [...petIds] })
      .orderBy("a.createdAt", "ASC");
    if (!ownerOnlyNotes) {
      query.andWhere("NOT EXISTS (SELECT 1 FROM ehr.home_notes n WHERE n.id = a.record_id AND n.owner_only)");
    }
    return query.getMany();
  }

  byId(id: string): Promise<AttachmentEntity | null> {
    return this.db.getRepository(AttachmentEntity).findOneBy({ id });
  }

  /** An attachment known to exist (one just inserted). */
  get(id: string): Promise<AttachmentEntity> {
    return this.db.getRepository(AttachmentEntity).findOneByOrFail({ id });
  }

  /** Inserts an attachment in the caller's transaction. */
  async insert(
    manager: EntityManager,
    attachment: Pick<
      AttachmentEntity,
      | "id"
      | "petId"
      | "recordKind"
      | "recordId"
      | "fileName"
      | "contentType"
      | "sizeBytes"
      | "storageKey"
      | "uploadedBy"
    >,
  ): Promise<void> {
    await manager.getRepository(AttachmentEntity).insert(attachment);
  }

  /** Marks the file as arrived; the attachment as it then stands. */
  async markUploaded(id: string): Promise<AttachmentEntity> {
    const repository = this.db.getRepository(AttachmentEntity);
    await repository.update(id, { status: "UPLOADED", uploadedAt: new Date() });
    return repository.findOneByOrFail({ id });
  }
}
